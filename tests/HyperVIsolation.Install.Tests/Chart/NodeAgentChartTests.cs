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
            [("nodes", "get,list,watch,patch"), ("nodes/status", "patch"), ("pods", "list,watch"), ("pods/status", "patch"), ("events", "create,patch")]);
    }

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task Template_NodeAgentEnabled_PreDeleteHookRollsTheAgentDaemonSetIntoUninstall(int helmMajor)
    {
        var rendered = await tools.HelmTemplateAsync(helmMajor, "--set", "nodeAgent.enabled=true");
        rendered.ExitCode.Should().Be(0, rendered.Error);
        var documents = YamlDocuments.Parse(rendered.Output);
        var daemonSet = Single<V1DaemonSet>(rendered.Output, "DaemonSet");

        var job = Single<V1Job>(rendered.Output, "Job");
        job.Metadata.Annotations.Should().Contain("helm.sh/hook", "pre-delete").And.Contain("helm.sh/hook-weight", "0");
        job.Spec.BackoffLimit.Should().Be(0);
        var pod = job.Spec.Template.Spec;
        pod.SecurityContext.WindowsOptions.HostProcess.Should().BeTrue("the agent image is a HostProcess image");
        pod.SecurityContext.WindowsOptions.RunAsUserName.Should().Be(@"NT AUTHORITY\Local service", "the Job only calls the API");
        pod.NodeSelector.Should().Contain("kubernetes.io/os", "windows");
        pod.RestartPolicy.Should().Be("Never");
        var container = pod.Containers.Should().ContainSingle().Subject;
        container.Image.Should().Be(daemonSet.Spec.Template.Spec.Containers[0].Image);
        container.Command.Should().Equal("hyperv-isolation-node-agent.exe", "--uninstall-all-nodes");
        container.Env.Should().Contain(e => e.Name == "DAEMONSET_NAME" && e.Value == daemonSet.Metadata.Name);
        container.Env.Should().Contain(e => e.Name == "UNINSTALL_TIMEOUT" && e.Value == "00:04:00");
        container.Env.Should().ContainSingle(e => e.Name == "POD_NAMESPACE").Which.ValueFrom.FieldRef.FieldPath.Should().Be("metadata.namespace");
        daemonSet.Spec.Template.Spec.Containers[0].Name.Should().Be("node-agent", "the hook patches the container by this name");
        job.Spec.Template.Metadata.Labels.Should().Contain("app.kubernetes.io/component", "node-agent-uninstall", "the operator's Service and PDB must not select the Job's pod");

        var role = Single<V1Role>(rendered.Output, "Role", name => name.EndsWith("-node-agent-uninstall", StringComparison.Ordinal));
        role.Rules.Should().ContainSingle().Which.Should().BeEquivalentTo(new V1PolicyRule
        {
            ApiGroups = ["apps"],
            Resources = ["daemonsets"],
            ResourceNames = [daemonSet.Metadata.Name],
            Verbs = ["get", "patch"],
        });
        var hookObjects = documents.Where(d => YamlDocuments.At(d, "metadata.name")!.EndsWith("-node-agent-uninstall", StringComparison.Ordinal)).ToList();
        hookObjects.Select(d => YamlDocuments.At(d, "kind")).Should().BeEquivalentTo(["ServiceAccount", "Role", "RoleBinding", "Job"]);
        hookObjects.Where(d => YamlDocuments.At(d, "kind") != "Job")
            .Select(HookWeight)
            .Should().AllBe("-10", "the Job's account and its rights exist before the Job");
    }

    [Fact]
    public async Task Template_UninstallTimeout_ReachesTheHookAndABadValueIsRefused()
    {
        var rendered = await tools.HelmTemplateAsync(4, "--set", "nodeAgent.enabled=true", "--set", "nodeAgent.uninstallTimeout=00:10:00");
        var refused = await tools.HelmTemplateAsync(4, "--set", "nodeAgent.enabled=true", "--set", "nodeAgent.uninstallTimeout=10m");

        Single<V1Job>(rendered.Output, "Job").Spec.Template.Spec.Containers[0].Env.Should().Contain(e => e.Name == "UNINSTALL_TIMEOUT" && e.Value == "00:10:00");
        refused.ExitCode.Should().NotBe(0);
        refused.All.Should().Contain("uninstallTimeout");
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

    private static T Single<T>(string yaml, string kind, Func<string, bool>? named = null) =>
        KubernetesYaml.Deserialize<T>(ToYaml(YamlDocuments.Parse(yaml).Single(d => YamlDocuments.At(d, "kind") == kind && (named?.Invoke(YamlDocuments.At(d, "metadata.name")!) ?? true))));

    private static string? HookWeight(YamlMappingNode document) =>
        ((document["metadata"] as YamlMappingNode)?["annotations"] as YamlMappingNode)?.Children
            .FirstOrDefault(entry => (entry.Key as YamlScalarNode)?.Value == "helm.sh/hook-weight").Value is YamlScalarNode { Value: var weight } ? weight : null;

    private static string ToYaml(YamlMappingNode document)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(document)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
