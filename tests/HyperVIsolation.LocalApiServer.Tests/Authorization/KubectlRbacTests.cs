using HyperVIsolation.LocalApiServer.Tests.Conformance;

namespace HyperVIsolation.LocalApiServer.Tests.Authorization;

/// <summary>The real kubectl against a server enforcing RBAC: <c>kubectl create token</c> and what a denied user sees.</summary>
public sealed class KubectlRbacTests(RbacServerFixture rbac, ClientToolsFixture tools) : IClassFixture<RbacServerFixture>, IClassFixture<ClientToolsFixture>
{
    [Fact]
    public async Task CreateToken_ThenListWithoutRole_PrintsKubeApiserversForbidden()
    {
        await rbac.ServiceAccountTokenAsync("kubectl-rbac", "reader");

        var token = await KubectlAsync(rbac.Server.KubeconfigPath, "create", "token", "reader", "-n", "kubectl-rbac", "--duration=15m");
        var kubeconfig = Path.Combine(tools.Home, "reader.kubeconfig");
        await rbac.Server.WriteKubeconfigAsync(kubeconfig, token.Output.Trim(), CancellationToken.None);
        var pods = await KubectlAsync(kubeconfig, "get", "pods", "-n", "kubectl-rbac");
        var namespaces = await KubectlAsync(kubeconfig, "get", "namespaces");

        token.ExitCode.Should().Be(0, token.All);
        pods.ExitCode.Should().Be(1);
        pods.Error.Trim().Should().Be(
            "Error from server (Forbidden): pods is forbidden: User \"system:serviceaccount:kubectl-rbac:reader\" cannot list resource \"pods\" in API group \"\" in the namespace \"kubectl-rbac\"");
        namespaces.Error.Trim().Should().Be(
            "Error from server (Forbidden): namespaces is forbidden: User \"system:serviceaccount:kubectl-rbac:reader\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope");
    }

    [Fact]
    public async Task CreateToken_DurationBelowTenMinutes_IsRefusedAsInvalid()
    {
        await rbac.ServiceAccountTokenAsync("kubectl-short", "reader");

        var token = await KubectlAsync(rbac.Server.KubeconfigPath, "create", "token", "reader", "-n", "kubectl-short", "--duration=5m");

        token.ExitCode.Should().Be(1);
        token.Error.Should().Contain("spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes");
    }

    private Task<ProcessResult> KubectlAsync(string kubeconfig, params string[] arguments) =>
        tools.RunAsync(ClientToolsFixture.Kubectl, ["--kubeconfig", kubeconfig, "--request-timeout=20s", .. arguments], TimeSpan.FromSeconds(30));
}
