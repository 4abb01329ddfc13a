namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>A webhook could not be called or answered badly (subject to its failurePolicy).</summary>
public sealed class WebhookCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookCallException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WebhookCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public WebhookCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
