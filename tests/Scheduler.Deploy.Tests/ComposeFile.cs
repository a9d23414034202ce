using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Scheduler.Deploy.Tests;

/// <summary>
/// <c>docker-compose.yml</c> as Compose reads it: YAML with its merge keys (<c>&lt;&lt;: *silo</c>) resolved.
/// </summary>
public sealed class ComposeFile
{
    private ComposeFile(Dictionary<object, object> root) => Root = root;

    /// <summary>The whole document.</summary>
    public Dictionary<object, object> Root { get; }

    /// <summary>The <c>services</c> mapping.</summary>
    public Dictionary<object, object> Services => Map(Root["services"]);

    /// <summary>Loads the repository's <c>docker-compose.yml</c>.</summary>
    public static ComposeFile Load()
    {
        var parser = new MergingParser(new Parser(new StringReader(Repository.Read("docker-compose.yml"))));
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(parser);
        return new ComposeFile(root);
    }

    /// <summary>The service <paramref name="name"/>.</summary>
    public Dictionary<object, object> Service(string name) => Map(Services[name]);

    /// <summary>The services whose image is the silo's.</summary>
    public IReadOnlyList<KeyValuePair<string, Dictionary<object, object>>> Silos() =>
        Services.Select(p => KeyValuePair.Create((string)p.Key, Map(p.Value)))
            .Where(p => Dockerfile(p.Value) == "deploy/docker/silo.Dockerfile")
            .ToList();

    /// <summary>The Dockerfile <paramref name="service"/> is built from, or null.</summary>
    public static string? Dockerfile(Dictionary<object, object> service) =>
        service.TryGetValue("build", out var build) && Map(build).TryGetValue("dockerfile", out var file)
            ? (string)file
            : null;

    /// <summary>The mapping <paramref name="node"/>.</summary>
    public static Dictionary<object, object> Map(object node) => Assert.IsType<Dictionary<object, object>>(node);

    /// <summary>The sequence <paramref name="node"/> as strings.</summary>
    public static IReadOnlyList<string> List(object node) =>
        Assert.IsType<List<object>>(node).Select(o => Assert.IsType<string>(o)).ToList();
}
