namespace HyperVIsolation.LocalApiServer.Tests.Conformance;

public sealed class HelmConformanceTests(ClientToolsFixture tools) : IClassFixture<ClientToolsFixture>
{
    [Fact]
    public async Task InstallThenUninstall_TinyChart_CreatesAndRemovesEverything()
    {
        var chart = Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-chart");

        var install = await tools.HelmAsync("install", "tiny", chart);
        var objects = await tools.KubectlAsync("get", "configmap,deployment,service,serviceaccount", "-o", "name");
        var uninstall = await tools.HelmAsync("uninstall", "tiny");
        var remaining = await tools.KubectlAsync("get", "configmap,deployment,secret", "-o", "name");

        install.ExitCode.Should().Be(0, install.All);
        install.Output.Should().Contain("STATUS: deployed");
        objects.Output.Should().Contain("configmap/tiny-config").And.Contain("deployment.apps/tiny-app").And.Contain("service/tiny-svc").And.Contain("serviceaccount/tiny-sa");
        uninstall.ExitCode.Should().Be(0, uninstall.All);
        remaining.Output.Should().NotContain("tiny");
    }

    [Fact]
    public async Task InstallThenUpgrade_ChangedValue_UpdatesObjects()
    {
        var chart = Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-chart");

        var install = await tools.HelmAsync("install", "upgraded", chart);
        var upgrade = await tools.HelmAsync("upgrade", "upgraded", chart, "--set", "message=changed", "--set", "replicas=2");
        var message = await tools.KubectlAsync("get", "configmap", "upgraded-config", "-o", "jsonpath={.data.message}");
        var replicas = await tools.KubectlAsync("get", "deployment", "upgraded-app", "-o", "jsonpath={.spec.replicas}");
        await tools.HelmAsync("uninstall", "upgraded");

        install.ExitCode.Should().Be(0, install.All);
        upgrade.ExitCode.Should().Be(0, upgrade.All);
        upgrade.Output.Should().Contain("REVISION: 2");
        message.Output.Should().Be("changed");
        replicas.Output.Should().Be("2");
    }
}
