using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Scheduler.Deploy.Tests;

/// <summary>The Kubernetes base, read with the Kubernetes client's own YAML loader.</summary>
public sealed class KubernetesManifestTests
{
    private const string HttpPortName = "http";

    private static readonly string[] DemoSecretKeys =
        ["legacy", "target", "mariadb-password", "mariadb-root-password"];

    [Fact]
    public void Role_Rules_GrantExactlyPodsGetListWatchPatch()
    {
        var role = Manifests.One<V1Role>(Manifests.LoadFolder(Manifests.BaseFolder));

        var rule = Assert.Single(role.Rules);
        Assert.Equal([""], rule.ApiGroups);
        Assert.Equal(["pods"], rule.Resources);
        Assert.Equal(["get", "list", "patch", "watch"], rule.Verbs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RoleBinding_Subject_IsTheServiceAccountTheSilosRunAs()
    {
        var objects = Manifests.LoadFolder(Manifests.BaseFolder);
        var binding = Manifests.One<V1RoleBinding>(objects);
        var account = Manifests.One<V1ServiceAccount>(objects);
        var role = Manifests.One<V1Role>(objects);

        Assert.Equal("Role", binding.RoleRef.Kind);
        Assert.Equal(role.Metadata.Name, binding.RoleRef.Name);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal("ServiceAccount", subject.Kind);
        Assert.Equal(account.Metadata.Name, subject.Name);
        Assert.Equal(account.Metadata.Name, Manifests.SiloDeployment().Spec.Template.Spec.ServiceAccountName);
    }

    [Theory]
    [InlineData("POD_NAME", "metadata.name")]
    [InlineData("POD_NAMESPACE", "metadata.namespace")]
    [InlineData("POD_IP", "status.podIP")]
    [InlineData("Orleans__AdvertisedIP", "status.podIP")]
    [InlineData("ORLEANS_SERVICE_ID", "metadata.labels['orleans/serviceId']")]
    [InlineData("ORLEANS_CLUSTER_ID", "metadata.labels['orleans/clusterId']")]
    [InlineData("Orleans__ServiceId", "metadata.labels['orleans/serviceId']")]
    [InlineData("Orleans__ClusterId", "metadata.labels['orleans/clusterId']")]
    public void Deployment_Env_ComesFromTheDownwardApi(string name, string fieldPath)
    {
        var env = Manifests.Env(Manifests.Silo(Manifests.SiloDeployment()), name);

        Assert.Null(env.Value);
        Assert.Equal(fieldPath, env.ValueFrom?.FieldRef?.FieldPath);
    }

    [Fact]
    public void Deployment_PodLabels_CarryTheOrleansIdsTheSiloIsConfiguredWith()
    {
        var deployment = Manifests.SiloDeployment();
        var labels = deployment.Spec.Template.Metadata.Labels;

        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.False(string.IsNullOrWhiteSpace(labels["orleans/serviceId"]));
        Assert.False(string.IsNullOrWhiteSpace(labels["orleans/clusterId"]));
    }

    [Theory]
    [InlineData("liveness", "/healthz")]
    [InlineData("readiness", "/readyz")]
    [InlineData("startup", "/healthz")]
    public void Deployment_Probe_CallsItsPathOnTheHttpContainerPort(string probe, string path)
    {
        var container = Manifests.Silo(Manifests.SiloDeployment());
        var get = probe switch
        {
            "liveness" => container.LivenessProbe?.HttpGet,
            "readiness" => container.ReadinessProbe?.HttpGet,
            _ => container.StartupProbe?.HttpGet,
        };

        Assert.NotNull(get);
        Assert.Equal(path, get.Path);
        Assert.Equal(HttpPortName, get.Port.Value);
        var port = Assert.Single(container.Ports, p => p.Name == HttpPortName);
        Assert.Equal(port.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Manifests.Env(container, "ASPNETCORE_HTTP_PORTS").Value);
    }

    [Fact]
    public void Deployment_Ports_AreTheSiloDefaults()
    {
        var ports = Manifests.Silo(Manifests.SiloDeployment()).Ports.ToDictionary(p => p.Name, p => p.ContainerPort);

        Assert.Equal(8080, ports[HttpPortName]);
        Assert.Equal(11111, ports["silo"]);
        Assert.Equal(30000, ports["gateway"]);
    }

    [Fact]
    public void Deployment_Selector_MatchesPodLabelsServiceAndDisruptionBudget()
    {
        var objects = Manifests.LoadFolder(Manifests.BaseFolder);
        var deployment = Manifests.SiloDeployment();
        var selector = deployment.Spec.Selector.MatchLabels;
        var podLabels = deployment.Spec.Template.Metadata.Labels;
        var service = Manifests.One<V1Service>(objects);
        var budget = Manifests.One<V1PodDisruptionBudget>(objects);

        Assert.All(selector, label => Assert.Equal(label.Value, podLabels[label.Key]));
        Assert.Equal(selector, service.Spec.Selector);
        Assert.Equal(selector, budget.Spec.Selector.MatchLabels);
        Assert.Equal("1", budget.Spec.MaxUnavailable?.Value);
    }

    [Fact]
    public void Service_Port_TargetsTheHttpContainerPort()
    {
        var service = Manifests.One<V1Service>(Manifests.LoadFolder(Manifests.BaseFolder));

        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(HttpPortName, port.TargetPort.Value);
    }

    [Fact]
    public void Deployment_Termination_LeavesTimeToHandLeasesBack()
    {
        var spec = Manifests.SiloDeployment().Spec.Template.Spec;

        Assert.True(spec.TerminationGracePeriodSeconds >= 60, $"grace is {spec.TerminationGracePeriodSeconds}s");
    }

    [Fact]
    public void Deployment_Resources_HaveRequestsAndLimitsAndRunAsNonRoot()
    {
        var deployment = Manifests.SiloDeployment();
        var container = Manifests.Silo(deployment);

        Assert.Contains("cpu", container.Resources.Requests.Keys);
        Assert.Contains("memory", container.Resources.Requests.Keys);
        Assert.Contains("cpu", container.Resources.Limits.Keys);
        Assert.Contains("memory", container.Resources.Limits.Keys);
        Assert.True(deployment.Spec.Template.Spec.SecurityContext.RunAsNonRoot);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
    }

    [Theory]
    [InlineData("ConnectionStrings__Redis", "redis", false)]
    [InlineData("ConnectionStrings__Legacy", "legacy", true)]
    [InlineData("ConnectionStrings__Target", "target", true)]
    public void Deployment_ConnectionString_ComesFromTheSecret(string name, string key, bool optional)
    {
        var env = Manifests.Env(Manifests.Silo(Manifests.SiloDeployment()), name);

        Assert.Null(env.Value);
        Assert.Equal(Manifests.SecretName, env.ValueFrom?.SecretKeyRef?.Name);
        Assert.Equal(key, env.ValueFrom?.SecretKeyRef?.Key);
        Assert.Equal(optional, env.ValueFrom?.SecretKeyRef?.Optional ?? false);
    }

    [Fact]
    public void BaseManifests_SecretValues_AreNowhere()
    {
        var objects = Manifests.LoadFolder(Manifests.BaseFolder);
        var container = Manifests.Silo(Manifests.SiloDeployment());
        var literals = container.Env.Where(e => e.Value is not null).Select(e => $"{e.Name}={e.Value}");

        Assert.Empty(objects.OfType<V1Secret>());
        Assert.Empty(objects.OfType<V1ConfigMap>());
        Assert.DoesNotContain(literals, l => l.Contains("Password", StringComparison.OrdinalIgnoreCase)
            || l.Contains("ConnectionStrings", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Autoscaler_Target_IsTheSiloDeploymentScaledBySilosNeededWithCpuFallback()
    {
        var hpa = Manifests.One<V2HorizontalPodAutoscaler>(Manifests.LoadFolder(Manifests.BaseFolder));
        var deployment = Manifests.SiloDeployment();

        Assert.Equal("Deployment", hpa.Spec.ScaleTargetRef.Kind);
        Assert.Equal(deployment.Metadata.Name, hpa.Spec.ScaleTargetRef.Name);
        Assert.Equal(deployment.Spec.Replicas, hpa.Spec.MinReplicas);
        Assert.True(hpa.Spec.MaxReplicas > hpa.Spec.MinReplicas);

        var external = Assert.Single(hpa.Spec.Metrics, m => m.Type == "External").External;
        Assert.Equal(MetricNames.SilosNeeded, external.Metric.Name);
        Assert.Equal("AverageValue", external.Target.Type);
        Assert.Equal("1", external.Target.AverageValue.ToString());

        var cpu = Assert.Single(hpa.Spec.Metrics, m => m.Type == "Resource").Resource;
        Assert.Equal("cpu", cpu.Name);
        Assert.Equal("Utilization", cpu.Target.Type);
    }

    [Theory]
    [InlineData(Manifests.BaseFolder)]
    [InlineData("deploy/kubernetes/overlays/demo")]
    public void Kustomization_Resources_ListEveryManifestInTheFolder(string folder)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Repository.Read($"{folder}/kustomization.yaml")));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var listed = ((YamlSequenceNode)root["resources"]).Select(n => ((YamlScalarNode)n).Value!)
            .Where(r => r.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(Repository.PathOf(folder), "*.yaml").Select(Path.GetFileName)
            .Where(f => f != "kustomization.yaml")
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, listed);
    }

    [Fact]
    public async Task Kustomize_Base_RendersEveryObjectIntoTheNamespace()
    {
        var rendered = KubernetesYaml.LoadAllFromString(await Kustomize.RenderAsync("deploy/kubernetes"));

        Assert.Equal(Manifests.LoadFolder(Manifests.BaseFolder).Count, rendered.Count);
        var ns = Manifests.One<V1Namespace>(rendered).Metadata.Name;
        Assert.All(rendered.OfType<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace),
            o => Assert.Equal(ns, o.Metadata.NamespaceProperty));
        Assert.Empty(rendered.OfType<V1Secret>());
    }

    [Fact]
    public async Task Kustomize_DemoOverlay_AddsOnlyDemoMarkedStoresAndAPlaceholderSecret()
    {
        var rendered = KubernetesYaml.LoadAllFromString(
            await Kustomize.RenderAsync("deploy/kubernetes/overlays/demo"));
        var baseCount = Manifests.LoadFolder(Manifests.BaseFolder).Count;
        var added = rendered.OfType<IMetadata<V1ObjectMeta>>()
            .Where(o => o.Metadata.Labels?.ContainsKey("scheduler/demo-only") == true)
            .ToList();

        Assert.Equal(rendered.Count - baseCount, added.Count);
        Assert.Contains(added, o => o is V1Deployment { Metadata.Name: "demo-redis" });
        Assert.Contains(added, o => o is V1Deployment { Metadata.Name: "demo-mariadb" });
        var secret = Assert.Single(rendered.OfType<V1Secret>());
        Assert.Equal(Manifests.SecretName, secret.Metadata.Name);
        Assert.Contains(secret, added);
        Assert.All(DemoSecretKeys,
            key => Assert.Contains("placeholder", secret.StringData[key], StringComparison.Ordinal));
    }
}
