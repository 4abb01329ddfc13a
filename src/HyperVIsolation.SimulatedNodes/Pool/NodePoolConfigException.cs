namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>A node pool config was malformed or invalid; <see cref="Errors"/> lists every problem found.</summary>
public sealed class NodePoolConfigException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public NodePoolConfigException(IReadOnlyList<string> errors)
        : base("Invalid node pool config: " + string.Join(" ", errors ?? []))
    {
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public NodePoolConfigException()
        : this([])
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    public NodePoolConfigException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one message and a cause.</summary>
    public NodePoolConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Errors { get; }
}
