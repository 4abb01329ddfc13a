namespace HyperVIsolation.LocalApiServer.Tests.Conformance;

public sealed class KubectlPatchingTests(ClientToolsFixture tools) : IClassFixture<ClientToolsFixture>
{
    [Fact]
    public async Task ApplyServerSide_Twice_IsIdempotent()
    {
        var manifest = await WriteAsync("ssa-twice.yaml", ConfigMap("ssa-twice", "1"));

        var first = await tools.KubectlAsync("apply", "--server-side", "-f", manifest);
        var version = await tools.KubectlAsync("get", "configmap", "ssa-twice", "-o", "jsonpath={.metadata.resourceVersion}");
        var second = await tools.KubectlAsync("apply", "--server-side", "-f", manifest);
        var after = await tools.KubectlAsync("get", "configmap", "ssa-twice", "-o", "jsonpath={.metadata.resourceVersion}");

        first.ExitCode.Should().Be(0, first.All);
        second.ExitCode.Should().Be(0, second.All);
        second.Output.Should().Contain("serverside-applied");
        after.Output.Should().Be(version.Output);
    }

    [Fact]
    public async Task ApplyClientSide_ThenServerSideWithOtherValue_ConflictsWithClientSideApply()
    {
        var manifest = await WriteAsync("csa-then-ssa.yaml", ConfigMap("csa-then-ssa", "1"));
        var clientSide = await tools.KubectlAsync("apply", "-f", manifest);
        await File.WriteAllTextAsync(manifest, ConfigMap("csa-then-ssa", "2"));

        var serverSide = await tools.KubectlAsync("apply", "--server-side", "-f", manifest);
        var forced = await tools.KubectlAsync("apply", "--server-side", "--force-conflicts", "-f", manifest);
        var value = await tools.KubectlAsync("get", "configmap", "csa-then-ssa", "-o", "jsonpath={.data.value}");

        clientSide.ExitCode.Should().Be(0, clientSide.All);
        serverSide.ExitCode.Should().NotBe(0);
        serverSide.Error.Should().Contain("conflict with \"kubectl-client-side-apply\" using v1: .data.value");
        forced.ExitCode.Should().Be(0, forced.All);
        value.Output.Should().Be("2");
    }

    [Fact]
    public async Task PatchDefaultStrategic_OnDeployment_MergesContainersByName()
    {
        var manifest = await WriteAsync("smp-deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: smp-deploy
            spec:
              selector:
                matchLabels: {app: smp}
              template:
                metadata:
                  labels: {app: smp}
                spec:
                  containers:
                    - {name: web, image: web:1}
                    - {name: sidecar, image: sidecar:1}
            """);
        (await tools.KubectlAsync("apply", "-f", manifest)).ExitCode.Should().Be(0);

        var patch = await tools.KubectlAsync("patch", "deployment", "smp-deploy", "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"sidecar:2"}]}}}}""");
        var images = await tools.KubectlAsync("get", "deployment", "smp-deploy", "-o", "jsonpath={.spec.template.spec.containers[*].image}");

        patch.ExitCode.Should().Be(0, patch.All);
        images.Output.Should().Be("web:1 sidecar:2");
    }

    [Fact]
    public async Task PatchStrategic_OnCustomResource_IsUnsupportedMediaType()
    {
        (await tools.KubectlAsync("apply", "-f", Path.Combine(AppContext.BaseDirectory, "TestData", "widget-crd.yaml"))).ExitCode.Should().Be(0);
        (await tools.KubectlAsync("apply", "-f", await WriteAsync("smp-widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: smp\nspec:\n  size: 2\n"))).ExitCode.Should().Be(0);

        var patch = await tools.KubectlAsync("patch", "widget", "smp", "--type=strategic", "-p", """{"spec":{"size":3}}""");

        patch.ExitCode.Should().NotBe(0);
        patch.Error.Should().Contain("application/merge-patch+json");
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
}
