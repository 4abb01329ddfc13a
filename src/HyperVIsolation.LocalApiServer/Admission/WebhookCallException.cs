using HyperVIsolation.LocalApiServer.Metering;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>A webhook could not be called or answered badly (subject to its failurePolicy).</summary>
public sealed class WebhookCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookCallException()
    {
    }

    /// <summary>Creates the exception with a message (a response that is not a valid review).</summary>
    public WebhookCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause (a response that is not a valid review).</summary>
    public WebhookCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message, how the call ended and, optionally, a cause.</summary>
    public WebhookCallException(string message, WebhookCallOutcome outcome, Exception? innerException = null)
        : base(message, innerException)
    {
        Outcome = outcome;
    }

    /// <summary>How the call ended.</summary>
    public WebhookCallOutcome Outcome { get; } = WebhookCallOutcome.InvalidResponse;
}
