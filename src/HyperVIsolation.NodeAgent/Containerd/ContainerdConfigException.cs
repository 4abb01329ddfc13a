namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>A containerd <c>config.toml</c> could not be read: bad TOML, an unsupported version, or a value of the wrong type.</summary>
public sealed class ContainerdConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContainerdConfigException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ContainerdConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the parser's error as cause.</summary>
    public ContainerdConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
