namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// The object changed between the read a write was computed from and its commit; the writer
/// recomputes from the new state (kube-apiserver's GuaranteedUpdate retry).
/// </summary>
public sealed class StaleWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StaleWriteException()
        : base("the object changed while the write was prepared")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StaleWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public StaleWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
