namespace HyperVIsolation.LocalApiServer.Metering;

/// <summary>How one call to an admission webhook ended, as kube-apiserver's <c>calling_webhook_error</c> cases tell them apart.</summary>
public enum WebhookCallOutcome
{
    /// <summary>The webhook answered with a well-formed AdmissionReview (allowed or denied).</summary>
    Answered,

    /// <summary>The TLS handshake failed: the served certificate is not trusted by the <c>caBundle</c>, names another host, or the handshake was aborted.</summary>
    TlsFailed,

    /// <summary>No connection: refused, reset or unresolvable.</summary>
    Unreachable,

    /// <summary>No answer within the webhook's <c>timeoutSeconds</c>.</summary>
    TimedOut,

    /// <summary>An answer that is not a valid review: a non-2xx status, bad JSON or a wrong uid.</summary>
    InvalidResponse,
}
