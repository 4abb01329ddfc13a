using HyperVIsolation.Install.Tests.Tools;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.Chart;

/// <summary>
/// The optional prometheus-operator ServiceMonitor (operator) and PodMonitor (node agents), rendered by the
/// real Helm 3 and Helm 4: off by default, and when on they select exactly the objects that serve /metrics.
/// </summary>
[Collection(ClientToolsDefinition.Name)]
public sealed class MonitoringChartTests(ClientTools tools)
{
    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task Template_Defaults_NoMonitors(int helmMajor)
    {
        var rendered = await tools.HelmTemplateAsync(helmMajor, "--set", "nodeAgent.enabled=true");
        rendered.ExitCode.Should().Be(0, rendered.Error);

        YamlDocuments.Parse(rendered.Output).Select(d => YamlDocuments.At(d, "apiVersion")).Should().NotContain("monitoring.coreos.com/v1");
    }

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task Template_ServiceMonitorOn_SelectsTheOperatorServiceMetricsPort(int helmMajor)
    {
        var rendered = await tools.HelmTemplateAsync(
            helmMajor, "--set", "serviceMonitor.enabled=true", "--set", "serviceMonitor.interval=1m", "--set", "serviceMonitor.labels.release=kps");
        rendered.ExitCode.Should().Be(0, rendered.Error);
        var documents = YamlDocuments.Parse(rendered.Output);

        var monitor = documents.Should().ContainSingle(d => YamlDocuments.At(d, "kind") == "ServiceMonitor").Subject;
        var selected = documents.Where(d => YamlDocuments.At(d, "kind") == "Service" && Selects(Map(monitor, "spec.selector.matchLabels"), Map(d, "metadata.labels")));
        var service = selected.Should().ContainSingle("the selector must pick the operator's Service and nothing else").Subject;
        var endpoint = Endpoint(monitor, "endpoints");
        YamlDocuments.At(endpoint, "port").Should().BeOneOf(PortNames(service, "spec.ports"));
        YamlDocuments.At(endpoint, "port").Should().Be("metrics");
        YamlDocuments.At(endpoint, "path").Should().Be("/metrics");
        YamlDocuments.At(endpoint, "interval").Should().Be("1m");
        Map(monitor, "metadata.labels").Should().Contain("release", "kps");
        Sequence(monitor, "spec.namespaceSelector.matchNames").Should().Equal("ops");
    }

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task Template_PodMonitorOn_SelectsTheAgentPodsMetricsPort(int helmMajor)
    {
        var rendered = await tools.HelmTemplateAsync(
            helmMajor, "--set", "nodeAgent.enabled=true", "--set", "nodeAgent.podMonitor.enabled=true", "--set", "nodeAgent.podMonitor.labels.team=windows");
        rendered.ExitCode.Should().Be(0, rendered.Error);
        var documents = YamlDocuments.Parse(rendered.Output);

        var monitor = documents.Should().ContainSingle(d => YamlDocuments.At(d, "kind") == "PodMonitor").Subject;
        var selector = Map(monitor, "spec.selector.matchLabels");
        var selected = documents.Where(d => YamlDocuments.At(d, "kind") is "DaemonSet" or "Deployment" or "Job")
            .Where(d => Selects(selector, Map(d, "spec.template.metadata.labels"))).ToList();
        var daemonSet = selected.Should().ContainSingle("only the agent's pods, not the operator's or the uninstall hook's").Subject;
        YamlDocuments.At(daemonSet, "kind").Should().Be("DaemonSet");
        var container = (YamlMappingNode)((YamlSequenceNode)Node(daemonSet, "spec.template.spec.containers")).Children.Single();
        YamlDocuments.At(Endpoint(monitor, "podMetricsEndpoints"), "port").Should().Be("metrics").And.BeOneOf(PortNames(container, "ports"));
        YamlDocuments.At(Endpoint(monitor, "podMetricsEndpoints"), "interval").Should().Be("30s");
        Map(monitor, "metadata.labels").Should().Contain("team", "windows");
    }

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task Template_PodMonitorWithoutNodeAgent_RefusedNamingBothValues(int helmMajor)
    {
        var rendered = await tools.HelmTemplateAsync(helmMajor, "--set", "nodeAgent.podMonitor.enabled=true");

        rendered.ExitCode.Should().NotBe(0);
        rendered.Error.Should().Contain("nodeAgent.podMonitor.enabled=true needs nodeAgent.enabled=true");
    }

    [Theory]
    [InlineData("serviceMonitor.interval=30", "interval")]
    [InlineData("serviceMonitor.labels.release=1", "release")]
    [InlineData("nodeAgent.podMonitor.scrapeTimeout=10s", "scrapeTimeout")]
    public async Task Template_BadMonitorValue_RefusedNamingIt(string assignment, string named)
    {
        var rendered = await tools.HelmTemplateAsync(4, "--set", "nodeAgent.enabled=true", "--set", "nodeAgent.podMonitor.enabled=true", "--set", assignment);

        rendered.ExitCode.Should().NotBe(0, $"{assignment} must be refused");
        rendered.Error.Should().Contain(named);
    }

    private static bool Selects(Dictionary<string, string> selector, Dictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(entry => labels.TryGetValue(entry.Key, out var value) && value == entry.Value);

    private static YamlMappingNode Endpoint(YamlMappingNode monitor, string listName) =>
        (YamlMappingNode)((YamlSequenceNode)Node(monitor, $"spec.{listName}")).Children.Should().ContainSingle().Subject;

    private static string[] PortNames(YamlMappingNode owner, string path) =>
        [.. ((YamlSequenceNode)Node(owner, path)).Children.Select(port => YamlDocuments.At(port, "name")).OfType<string>()];

    private static Dictionary<string, string> Map(YamlMappingNode document, string path) =>
        Node(document, path) is YamlMappingNode map ? map.Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString()) : [];

    private static string[] Sequence(YamlMappingNode document, string path) =>
        [.. ((YamlSequenceNode)Node(document, path)).Children.Select(item => item.ToString())];

    private static YamlNode Node(YamlMappingNode document, string path) =>
        path.Split('.').Aggregate((YamlNode)document, (node, step) => ((YamlMappingNode)node)[step]);
}
