using HyperVIsolation.LocalApiServer.Hosting;

namespace HyperVIsolation.Install.Tests.Tools;

/// <summary>
/// The project's local API server on loopback, for the client checks that need a server: kubectl
/// maps kinds through its discovery and server-side dry runs validate custom resources strictly
/// against the installed CRD schemas. It does not implement kube-apiserver's validation of built-in
/// kinds (see README "Local API server").
/// </summary>
public sealed class ApiServer : IAsyncLifetime
{
    private LocalApiServer.Hosting.LocalApiServer? _server;

    public string KubeconfigPath => (_server ?? throw new InvalidOperationException("not started")).KubeconfigPath;

    public async Task InitializeAsync() =>
        _server = await LocalApiServer.Hosting.LocalApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
