using System.Net;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>The rules <see cref="OperatorOptions"/> must keep, checked at start-up with every problem reported at once.</summary>
internal static class OperatorOptionsRules
{
    /// <summary>Every rule the options break; empty when they are valid.</summary>
    public static IReadOnlyList<string> Check(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = OperatorOptions.SectionName + ":";
        var errors = new List<string>();
        errors.AddRange(options.LeaderElection.Validate().Select(error => prefix + "LeaderElection: " + error));
        errors.AddRange(options.Queue.Validate().Select(error => prefix + "Queue: " + error));
        Require(errors, options.Workers is >= 1 and <= 256, prefix + "Workers: must be between 1 and 256.");
        Require(errors, options.MetricsPort is >= 1 and <= 65535, prefix + "MetricsPort: must be between 1 and 65535.");
        Require(errors, options.ListenAddress == "*" || IPAddress.TryParse(options.ListenAddress, out _), prefix + "ListenAddress: must be * or an IP address.");
        Require(errors, options.WatchStallThreshold >= TimeSpan.FromSeconds(1), prefix + "WatchStallThreshold: must be at least one second.");
        Require(errors, options.ShutdownTimeout > TimeSpan.Zero, prefix + "ShutdownTimeout: must be positive.");
        Require(errors, options.StatusProgressInterval >= TimeSpan.Zero && options.StatusProgressInterval <= TimeSpan.FromMinutes(1), prefix + "StatusProgressInterval: must be between 0s and 1m.");
        Require(errors, options.PolicyAuditInterval >= TimeSpan.FromSeconds(1) && options.PolicyAuditInterval <= TimeSpan.FromHours(24), prefix + "PolicyAuditInterval: must be between 1s and 24h.");
        Require(errors, options.Kubeconfig is null || File.Exists(options.Kubeconfig), $"{prefix}Kubeconfig: file '{options.Kubeconfig}' does not exist.");
        Require(errors, options.OtlpEndpoint is null || (options.OtlpEndpoint.IsAbsoluteUri && options.OtlpEndpoint.Scheme is "http" or "https"), $"{prefix}OtlpEndpoint: '{options.OtlpEndpoint}' is not an absolute http or https URL.");
        return errors;
    }

    private static void Require(List<string> errors, bool condition, string error)
    {
        if (!condition)
        {
            errors.Add(error);
        }
    }
}
