using System.IO.Pipes;

namespace HyperVIsolation.NodeAgent.Cri;

/// <summary>
/// A CRI endpoint on a Windows named pipe, such as containerd's <c>\\.\pipe\containerd-containerd</c>.
/// Only meaningful on Windows (on Linux .NET maps pipe names to its own socket files), so it is not
/// exercised by the Linux test suite.
/// </summary>
/// <param name="PipeName">The pipe name without the <c>\\.\pipe\</c> prefix.</param>
/// <param name="ServerName">The machine, <c>.</c> for the local one.</param>
public sealed record NamedPipeCriEndpoint(string PipeName, string ServerName = ".") : CriEndpoint
{
    /// <summary>Parses the path part of <c>npipe:////./pipe/name</c> or a <c>\\.\pipe\name</c> path.</summary>
    /// <exception cref="FormatException">No <c>pipe</c> segment followed by a name.</exception>
    public static NamedPipeCriEndpoint FromPipePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        var pipeIndex = Array.FindIndex(segments, s => s.Equals("pipe", StringComparison.OrdinalIgnoreCase));
        if (pipeIndex < 0 || pipeIndex != segments.Length - 2)
        {
            throw new FormatException($"'{path}' is not a named pipe path such as //./pipe/containerd-containerd.");
        }

        var server = pipeIndex == 1 ? segments[0] : ".";
        return new NamedPipeCriEndpoint(segments[^1], server);
    }

    /// <inheritdoc />
    public override async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(ServerName, PipeName, PipeDirection.InOut, PipeOptions.Asynchronous);
        try
        {
            await pipe.ConnectAsync(cancellationToken);
            return pipe;
        }
        catch
        {
            await pipe.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"npipe:////{ServerName}/pipe/{PipeName}";
}
