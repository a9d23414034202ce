using System.ComponentModel;
using System.Diagnostics;

namespace Scheduler.Deploy.Tests;

/// <summary>Runs <c>kubectl kustomize</c>, the renderer <c>kubectl apply -k</c> uses.</summary>
public static class Kustomize
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The manifests <paramref name="relative"/> renders to; throws with kubectl's stderr when it fails, and with
    /// an install hint when kubectl is missing.
    /// </summary>
    public static async Task<string> RenderAsync(string relative)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("kustomize");
        info.ArgumentList.Add(Repository.PathOf(relative));

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                "kubectl is not on the PATH; install it (test.sh does) to render the Kubernetes manifests.", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            await process.WaitForExitAsync(timeout.Token);

            return process.ExitCode == 0
                ? await stdout
                : throw new InvalidOperationException(
                    $"kubectl kustomize {relative} exited with {process.ExitCode}:\n{await stderr}");
        }
    }
}
