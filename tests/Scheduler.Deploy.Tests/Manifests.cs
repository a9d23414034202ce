using k8s;
using k8s.Models;

namespace Scheduler.Deploy.Tests;

/// <summary>The Kubernetes manifests of the base, loaded into the client library's typed objects.</summary>
public static class Manifests
{
    /// <summary>The folder of the production base.</summary>
    public const string BaseFolder = "deploy/kubernetes/base";

    /// <summary>The name of the Secret holding the connection strings.</summary>
    public const string SecretName = "scheduler-connections";

    /// <summary>Every object in every manifest file of <paramref name="folder"/>, kustomization files aside.</summary>
    public static IReadOnlyList<object> LoadFolder(string folder) =>
        Directory.GetFiles(Repository.PathOf(folder), "*.yaml")
            .Where(path => Path.GetFileName(path) != "kustomization.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(path => KubernetesYaml.LoadAllFromString(File.ReadAllText(path)))
            .ToList();

    /// <summary>The one object of type <typeparamref name="T"/> in <paramref name="objects"/>.</summary>
    public static T One<T>(IEnumerable<object> objects) => Assert.Single(objects.OfType<T>());

    /// <summary>The silo Deployment of the base.</summary>
    public static V1Deployment SiloDeployment() =>
        Assert.Single(LoadFolder(BaseFolder).OfType<V1Deployment>(), d => d.Metadata.Name == "scheduler-silo");

    /// <summary>The silo container of <paramref name="deployment"/>.</summary>
    public static V1Container Silo(V1Deployment deployment) =>
        Assert.Single(deployment.Spec.Template.Spec.Containers, c => c.Name == "silo");

    /// <summary>The environment variable <paramref name="name"/> of <paramref name="container"/>.</summary>
    public static V1EnvVar Env(V1Container container, string name) =>
        Assert.Single(container.Env, e => e.Name == name);
}
