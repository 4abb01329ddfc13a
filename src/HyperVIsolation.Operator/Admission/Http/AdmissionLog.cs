using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>Source-generated log messages of the admission webhook.</summary>
internal static partial class AdmissionLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "{Endpoint} denied {Namespace}/{Name} (uid {Uid}): {Reason}")]
    public static partial void Denied(ILogger logger, AdmissionEndpoint endpoint, string @namespace, string name, string uid, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Endpoint} received a malformed AdmissionReview: {Reason}")]
    public static partial void MalformedReview(ILogger logger, AdmissionEndpoint endpoint, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "{Endpoint} failed to review request {Uid}; denied")]
    public static partial void ReviewFailed(ILogger logger, Exception exception, AdmissionEndpoint endpoint, string uid);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "{Endpoint} refused a body of more than {Limit} bytes")]
    public static partial void BodyTooLarge(ILogger logger, AdmissionEndpoint endpoint, long limit);
}
