using System.Globalization;
using HyperVIsolation.Api.Text;
using HyperVIsolation.ControllerRuntime.Leadership;
using HyperVIsolation.ControllerRuntime.Queue;
using Microsoft.Extensions.Configuration;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// Reads <see cref="OperatorOptions"/> from configuration, collecting every unreadable value and unknown key
/// instead of stopping at the first (the configuration binder throws on the first bad value and ignores typos).
/// Unreadable values keep their defaults, so the result is always usable for the checks that follow.
/// </summary>
internal sealed class OperatorOptionsReader
{
    private const string Prefix = OperatorOptions.SectionName + ":";
    private readonly IConfiguration _configuration;
    private readonly List<string> _errors = [];
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);

    private OperatorOptionsReader(IConfiguration configuration) => _configuration = configuration;

    /// <summary>Reads the options and the problems found while reading them.</summary>
    public static OperatorOptionsReadResult Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new OperatorOptionsReader(configuration);
        var options = reader.ReadOptions();
        reader.ReportUnknownKeys();
        return new OperatorOptionsReadResult(options, reader._errors);
    }

    private OperatorOptions ReadOptions()
    {
        var defaults = new OperatorOptions();
        var otlp = String("OtlpEndpoint");
        return new OperatorOptions
        {
            Kubeconfig = String("Kubeconfig"),
            LeaderElection = ReadLeaderElection(defaults.LeaderElection),
            Workers = Int("Workers", defaults.Workers),
            Queue = ReadQueue(defaults.Queue),
            Webhook = new WebhookOptions
            {
                Port = Int("Webhook:Port", defaults.Webhook.Port),
                CertificatePath = String("Webhook:CertificatePath"),
                KeyPath = String("Webhook:KeyPath"),
            },
            MetricsPort = Int("MetricsPort", defaults.MetricsPort),
            ListenAddress = String("ListenAddress") ?? defaults.ListenAddress,
            WatchStallThreshold = Duration("WatchStallThreshold", defaults.WatchStallThreshold),
            OtlpEndpoint = otlp is null ? null : AbsoluteUri("OtlpEndpoint", otlp),
            PodReadinessGate = Bool("PodReadinessGate", defaults.PodReadinessGate),
            ShutdownTimeout = Duration("ShutdownTimeout", defaults.ShutdownTimeout),
            StatusProgressInterval = Duration("StatusProgressInterval", defaults.StatusProgressInterval),
        };
    }

    private LeaderElectionOptions ReadLeaderElection(LeaderElectionOptions defaults) => new()
    {
        LeaseName = String("LeaderElection:LeaseName") ?? defaults.LeaseName,
        LeaseNamespace = String("LeaderElection:LeaseNamespace") ?? Root("POD_NAMESPACE") ?? ServiceAccountNamespace() ?? "default",
        Identity = String("LeaderElection:Identity") ?? Root("POD_NAME") ?? Environment.MachineName,
        LeaseDuration = Duration("LeaderElection:LeaseDuration", defaults.LeaseDuration),
        RenewDeadline = Duration("LeaderElection:RenewDeadline", defaults.RenewDeadline),
        RetryPeriod = Duration("LeaderElection:RetryPeriod", defaults.RetryPeriod),
    };

    private WorkQueueOptions ReadQueue(WorkQueueOptions defaults) => new()
    {
        BaseRetryDelay = Duration("Queue:BaseRetryDelay", defaults.BaseRetryDelay),
        MaxRetryDelay = Duration("Queue:MaxRetryDelay", defaults.MaxRetryDelay),
        TokensPerSecond = Double("Queue:TokensPerSecond", defaults.TokensPerSecond),
        Burst = Int("Queue:Burst", defaults.Burst),
    };

    private string? String(string key)
    {
        _known.Add(Prefix + key);
        var value = _configuration[Prefix + key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private string? Root(string key)
    {
        var value = _configuration[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private int Int(string key, int fallback) =>
        Parse(key, fallback, "a whole number", text => (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value), value));

    private double Double(string key, double fallback) =>
        Parse(key, fallback, "a number", text => (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value), value));

    private bool Bool(string key, bool fallback) =>
        Parse(key, fallback, "true or false", text => (bool.TryParse(text, out var value), value));

    private TimeSpan Duration(string key, TimeSpan fallback) =>
        Parse(key, fallback, "a duration such as 15s, 1m30s or 00:00:15", text => (GoDuration.TryParse(text, out var value), value));

    private T Parse<T>(string key, T fallback, string expected, Func<string, (bool Ok, T Value)> parse)
    {
        if (String(key) is not { } text)
        {
            return fallback;
        }

        var (ok, value) = parse(text);
        if (ok)
        {
            return value;
        }

        _errors.Add($"{Prefix}{key}: '{text}' is not {expected}.");
        return fallback;
    }

    private Uri? AbsoluteUri(string key, string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        _errors.Add($"{Prefix}{key}: '{text}' is not an absolute http or https URL.");
        return null;
    }

    // Typos would otherwise be silently ignored, leaving a default the operator of the cluster did not want.
    private void ReportUnknownKeys()
    {
        foreach (var (key, _) in _configuration.GetSection(OperatorOptions.SectionName).AsEnumerable())
        {
            var hasChildren = _configuration.GetSection(key).GetChildren().Any();
            if (!hasChildren && key.Length > Prefix.Length && !_known.Contains(key))
            {
                _errors.Add($"{key}: unknown setting.");
            }
        }
    }

    // In a pod without POD_NAMESPACE the service account's namespace is the operator's own.
    private static string? ServiceAccountNamespace()
    {
        const string path = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
