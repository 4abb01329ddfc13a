using HyperVIsolation.Install.Tests.Tools;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.Chart;

/// <summary>The node agent's HostProcess DaemonSet and its RBAC, rendered by the real Helm 3 and Helm 4.</summary>
[Collection(ClientToolsDefinition.Name)]
public sealed class NodeAgentChartTests(ClientTools tools)
{
    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task Template_NodeAgentEnabled_HostProcessDaemonSetOnWindowsNodesAsSystem(int helmMajor)
    {
        var rendered = await tools.HelmTemplateAsync(helmMajor, "--set", "nodeAgent.enabled=true");
        rendered.ExitCode.Should().Be(0, rendered.Error);

        var daemonSet = Single<V1DaemonSet>(rendered.Output, "DaemonSet");
        var pod = daemonSet.Spec.Template.Spec;
        pod.SecurityContext.WindowsOptions.HostProcess.Should().BeTrue();
        pod.SecurityContext.WindowsOptions.RunAsUserName.Should().Be(@"NT AUTHORITY\SYSTEM");
        pod.HostNetwork.Should().BeTrue("HostProcess pods need the host network");
        pod.NodeSelector.Should().Contain("kubernetes.io/os", "windows");
        pod.Tolerations.Should().ContainSingle(t => t.Key == "os" && t.Value == "windows" && t.Effect == "NoSchedule");
        pod.ServiceAccountName.Should().EndWith("-node-agent");
        var container = pod.Containers.Should().ContainSingle().Subject;
        container.Env.Should().ContainSingle(e => e.Name == "NODE_NAME").Which.ValueFrom.FieldRef.FieldPath.Should().Be("spec.nodeName");
        container.Env.Should().Contain(e => e.Name == "CONTAINERD_CONFIG" && e.Value == @"C:\Program Files\containerd\config.toml");
        daemonSet.Spec.Selector.MatchLabels.Should().Contain("app.kubernetes.io/component", "node-agent")
            .And.BeEquivalentTo(daemonSet.Spec.Template.Metadata.Labels);
    }

    [Fact]
    public async Task Template_MetricsPort_PassedToTheAgentAndItsProbes()
    {
        var rendered = await tools.HelmTemplateAsync(4, "--set", "nodeAgent.enabled=true", "--set", "nodeAgent.metricsPort=9300");
        rendered.ExitCode.Should().Be(0, rendered.Error);

        var container = Single<V1DaemonSet>(rendered.Output, "DaemonSet").Spec.Template.Spec.Containers.Single();
        container.Env.Should().Contain(e => e.Name == "METRICS_PORT" && e.Value == "9300");
        container.Ports.Should().ContainSingle().Which.ContainerPort.Should().Be(9300);
        container.LivenessProbe.HttpGet.Path.Should().Be("/healthz");
        container.LivenessProbe.HttpGet.Port.Value.Should().Be("9300");
        container.ReadinessProbe.HttpGet.Path.Should().Be("/readyz");
    }

    [Fact]
    public async Task Template_MetricsPortNotAPort_RefusedBySchema()
    {
        var rendered = await tools.HelmTemplateAsync(4, "--set", "nodeAgent.enabled=true", "--set", "nodeAgent.metricsPort=70000");

        rendered.ExitCode.Should().NotBe(0);
        rendered.Error.Should().Contain("metricsPort");
    }

    [Fact]
    public async Task Template_NodeAgentEnabled_RbacOnlyReadsAndLabelsNodesAndWritesEvents()
    {
        var rendered = await tools.HelmTemplateAsync(4, "--set", "nodeAgent.enabled=true");

        var role = YamlDocuments.Parse(rendered.Output)
            .Where(d => YamlDocuments.At(d, "kind") == "ClusterRole" && YamlDocuments.At(d, "metadata.name")!.EndsWith("-node-agent", StringComparison.Ordinal))
            .Select(d => KubernetesYaml.Deserialize<V1ClusterRole>(ToYaml(d)))
            .Should().ContainSingle().Subject;
        role.Rules.Select(r => (string.Join(',', r.Resources), string.Join(',', r.Verbs))).Should().BeEquivalentTo(
            [("nodes", "get,list,watch,patch"), ("pods", "get,list,watch"), ("pods/status", "patch"), ("events", "create,patch")]);
    }

    [Fact]
    public async Task Template_Defaults_NoNodeAgent()
    {
        var rendered = await tools.HelmTemplateAsync(4);

        YamlDocuments.Parse(rendered.Output).Select(YamlDocuments.Identity).Should().NotContain(id => id.Contains("node-agent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Template_UnknownNodeAgentValue_RefusedNamingTheKey()
    {
        var rendered = await tools.HelmTemplateAsync(4, "--set", "nodeAgent.bogus=1");

        rendered.ExitCode.Should().NotBe(0);
        rendered.All.Should().Contain("bogus");
    }

    private static T Single<T>(string yaml, string kind) =>
        KubernetesYaml.Deserialize<T>(ToYaml(YamlDocuments.Parse(yaml).Single(d => YamlDocuments.At(d, "kind") == kind)));

    private static string ToYaml(YamlMappingNode document)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(document)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
