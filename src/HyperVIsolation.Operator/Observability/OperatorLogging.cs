using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Observability;

/// <summary>The operator's log format: one JSON object per line, with scopes and the current trace.</summary>
internal static class OperatorLogging
{
    /// <summary>Replaces the default providers with the JSON console, including scopes and trace/span ids.</summary>
    public static ILoggingBuilder AddOperatorLogging(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        return logging;
    }
}
