namespace HyperVIsolation.LocalApiServer.Tests.Conformance;

public sealed class KubectlConformanceTests(ClientToolsFixture tools) : IClassFixture<ClientToolsFixture>
{
    private static readonly string TestData = Path.Combine(AppContext.BaseDirectory, "TestData");

    [Fact]
    public async Task Get_Namespaces_PrintsTableWithSeededNamespaces()
    {
        var result = await tools.KubectlAsync("get", "namespaces");

        result.ExitCode.Should().Be(0, result.All);
        result.Output.Should().Contain("NAME").And.Contain("default").And.Contain("Active");
    }

    [Fact]
    public async Task Apply_Twice_CreatesThenConfigures()
    {
        var manifest = await WriteAsync("apply-cm.yaml", ConfigMap("applied", "1"));
        var first = await tools.KubectlAsync("apply", "-f", manifest);
        await File.WriteAllTextAsync(manifest, ConfigMap("applied", "2"));
        var second = await tools.KubectlAsync("apply", "-f", manifest);
        var read = await tools.KubectlAsync("get", "configmap", "applied", "-o", "jsonpath={.data.value}");

        first.Output.Should().Contain("configmap/applied created", first.All);
        second.Output.Should().Contain("configmap/applied configured", second.All);
        read.Output.Should().Be("2");
    }

    [Fact]
    public async Task ApplyServerSide_CreatesObject()
    {
        var manifest = await WriteAsync("ssa-cm.yaml", ConfigMap("server-applied", "1"));

        var result = await tools.KubectlAsync("apply", "--server-side", "-f", manifest);

        result.ExitCode.Should().Be(0, result.All);
        result.Output.Should().Contain("serverside-applied");
    }

    [Fact]
    public async Task PatchMerge_ThenDelete_ChangesAndRemovesObject()
    {
        await tools.KubectlAsync("create", "configmap", "patched", "--from-literal=a=1");
        var patch = await tools.KubectlAsync("patch", "configmap", "patched", "--type=merge", "-p", "{\"data\":{\"b\":\"2\"}}");
        var read = await tools.KubectlAsync("get", "configmap", "patched", "-o", "jsonpath={.data.b}");
        var delete = await tools.KubectlAsync("delete", "configmap", "patched");
        var gone = await tools.KubectlAsync("get", "configmap", "patched");

        patch.ExitCode.Should().Be(0, patch.All);
        read.Output.Should().Be("2");
        delete.Output.Should().Contain("deleted");
        gone.ExitCode.Should().NotBe(0);
        gone.Error.Should().Contain("NotFound");
    }

    [Fact]
    public async Task WaitForCondition_OnCustomResource_SucceedsWhenStatusIsSet()
    {
        await ApplyWidgetDefinitionAsync();
        var widget = await WriteAsync("wait-widget.yaml", Widget("waited", 2));
        (await tools.KubectlAsync("apply", "-f", widget)).ExitCode.Should().Be(0);

        var wait = tools.KubectlAsync("wait", "--for=condition=Ready", "widget/waited", "--timeout=20s");
        await Task.Delay(1000);
        var status = await tools.KubectlAsync(
            "patch", "widget", "waited", "--subresource=status", "--type=merge", "-p", "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        var result = await wait;

        status.ExitCode.Should().Be(0, status.All);
        result.ExitCode.Should().Be(0, result.All);
        result.Output.Should().Contain("condition met");
    }

    [Fact]
    public async Task GetWatch_OnCustomResource_PrintsPrinterColumnsAndUpdates()
    {
        await ApplyWidgetDefinitionAsync();
        (await tools.KubectlAsync("apply", "-f", await WriteAsync("watch-widget.yaml", Widget("watched", 3)))).ExitCode.Should().Be(0);
        using var watch = tools.StartKubectl("get", "widgets", "-w");
        var lines = new List<string>();
        var reading = Task.Run(async () =>
        {
            while (await watch.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });

        try
        {
            await Task.Delay(1500);
            await tools.KubectlAsync("patch", "widget", "watched", "--type=merge", "-p", "{\"spec\":{\"size\":8}}");
            for (var i = 0; i < 100 && !Snapshot(lines).Any(l => l.Contains("watched", StringComparison.Ordinal) && l.Contains('8', StringComparison.Ordinal)); i++)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync();
            await reading;
        }

        var seen = Snapshot(lines);
        seen[0].Should().Contain("SIZE");
        seen.Should().Contain(l => l.StartsWith("watched", StringComparison.Ordinal) && l.Contains('8', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explain_OnCustomResource_DescribesSchemaFields()
    {
        await ApplyWidgetDefinitionAsync();

        var result = await tools.KubectlAsync("explain", "widgets.spec");

        result.ExitCode.Should().Be(0, result.All);
        result.Output.Should().Contain("KIND:").And.Contain("Widget").And.Contain("size").And.Contain("How big");
    }

    [Fact]
    public async Task Apply_SchemaViolation_ReportsInvalidField()
    {
        await ApplyWidgetDefinitionAsync();

        var result = await tools.KubectlAsync("apply", "-f", await WriteAsync("bad-widget.yaml", Widget("bad", 0)));

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("is invalid").And.Contain("spec.size");
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    private async Task ApplyWidgetDefinitionAsync()
    {
        var result = await tools.KubectlAsync("apply", "-f", Path.Combine(TestData, "widget-crd.yaml"));
        result.ExitCode.Should().Be(0, result.All);
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(tools.Home, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private static string ConfigMap(string name, string value) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
        data:
          value: "{value}"
        """;

    private static string Widget(string name, int size) => $"""
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: {name}
        spec:
          size: {size}
        """;
}
