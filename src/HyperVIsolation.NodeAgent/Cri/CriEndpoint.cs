namespace HyperVIsolation.NodeAgent.Cri;

/// <summary>
/// Where the container runtime serves CRI: a unix domain socket (Linux, the simulation, and
/// containerd on Windows when configured so) or a named pipe (containerd's default on Windows).
/// Parses the kubelet's <c>--container-runtime-endpoint</c> syntax.
/// </summary>
public abstract record CriEndpoint
{
    /// <summary>containerd's default endpoint on Windows.</summary>
    public static CriEndpoint WindowsDefault { get; } = new NamedPipeCriEndpoint("containerd-containerd");

    /// <summary>containerd's default endpoint on Linux.</summary>
    public static CriEndpoint LinuxDefault { get; } = new UnixSocketCriEndpoint("/run/containerd/containerd.sock");

    /// <summary>The default endpoint for the OS this process runs on.</summary>
    public static CriEndpoint PlatformDefault => OperatingSystem.IsWindows() ? WindowsDefault : LinuxDefault;

    /// <summary>Opens a byte stream to the runtime; gRPC runs HTTP/2 over it.</summary>
    public abstract ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Parses <c>unix:///path/to.sock</c>, <c>npipe:////./pipe/name</c> (also <c>npipe://./pipe/name</c>),
    /// or a bare absolute socket path.
    /// </summary>
    /// <exception cref="FormatException">The text names no endpoint this client can use.</exception>
    public static CriEndpoint Parse(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        const string unixScheme = "unix://";
        const string pipeScheme = "npipe://";
        if (endpoint.StartsWith(unixScheme, StringComparison.OrdinalIgnoreCase))
        {
            return new UnixSocketCriEndpoint(endpoint[unixScheme.Length..]);
        }

        if (endpoint.StartsWith(pipeScheme, StringComparison.OrdinalIgnoreCase))
        {
            return NamedPipeCriEndpoint.FromPipePath(endpoint[pipeScheme.Length..]);
        }

        if (endpoint.StartsWith('/'))
        {
            return new UnixSocketCriEndpoint(endpoint);
        }

        throw new FormatException($"'{endpoint}' is not a CRI endpoint: expected unix:///path or npipe:////./pipe/name.");
    }
}
