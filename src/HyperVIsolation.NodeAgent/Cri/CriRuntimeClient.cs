using Grpc.Core;
using Grpc.Net.Client;
using HyperVIsolation.NodeAgent.Cri.V1;

namespace HyperVIsolation.NodeAgent.Cri;

/// <summary>
/// The node agent's CRI <c>RuntimeService</c> client (containerd in production, the simulated
/// runtime in tests), over a local <see cref="CriEndpoint"/>. Failures surface as
/// <see cref="RpcException"/>, for example <see cref="StatusCode.NotFound"/> for an unknown sandbox
/// and <see cref="StatusCode.Unavailable"/> while containerd restarts.
/// </summary>
public sealed class CriRuntimeClient : IDisposable
{
    /// <summary>The CRI API version this client speaks.</summary>
    public const string ApiVersion = "v1";

    private readonly GrpcChannel channel;
    private readonly RuntimeService.RuntimeServiceClient client;
    private readonly TimeSpan callTimeout;

    /// <summary>Creates a client; no connection is made until the first call.</summary>
    /// <param name="endpoint">Where the runtime listens.</param>
    /// <param name="callTimeout">Deadline per call; defaults to 10 s, which kubelet also uses for these calls.</param>
    public CriRuntimeClient(CriEndpoint endpoint, TimeSpan? callTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        this.callTimeout = callTimeout ?? TimeSpan.FromSeconds(10);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, cancellationToken) => endpoint.ConnectAsync(cancellationToken),
        };

        // The authority is a placeholder: the connect callback decides where bytes go, and local CRI is plaintext HTTP/2.
        channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        client = new RuntimeService.RuntimeServiceClient(channel);
    }

    /// <summary>Where this client connects.</summary>
    public CriEndpoint Endpoint { get; }

    /// <summary>Runtime name and versions; a cheap liveness probe of the runtime.</summary>
    public async Task<VersionResponse> VersionAsync(CancellationToken cancellationToken) =>
        await client.VersionAsync(new VersionRequest { Version = ApiVersion }, Options(cancellationToken));

    /// <summary>Pod sandboxes matching <paramref name="filter"/> (all when null).</summary>
    public async Task<IReadOnlyList<PodSandbox>> ListPodSandboxesAsync(PodSandboxFilter? filter, CancellationToken cancellationToken)
    {
        var response = await client.ListPodSandboxAsync(new ListPodSandboxRequest { Filter = filter }, Options(cancellationToken));
        return response.Items;
    }

    /// <summary>Status of one sandbox, including its annotations and runtime handler.</summary>
    public async Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(podSandboxId);
        return await client.PodSandboxStatusAsync(
            new PodSandboxStatusRequest { PodSandboxId = podSandboxId, Verbose = verbose }, Options(cancellationToken));
    }

    /// <summary>Containers matching <paramref name="filter"/> (all when null).</summary>
    public async Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter, CancellationToken cancellationToken)
    {
        var response = await client.ListContainersAsync(new ListContainersRequest { Filter = filter }, Options(cancellationToken));
        return response.Containers;
    }

    /// <summary>Changes a container's resource limits in place.</summary>
    public async Task UpdateContainerResourcesAsync(UpdateContainerResourcesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await client.UpdateContainerResourcesAsync(request, Options(cancellationToken));
    }

    /// <inheritdoc />
    public void Dispose() => channel.Dispose();

    private CallOptions Options(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow.Add(callTimeout), cancellationToken: cancellationToken);
}
