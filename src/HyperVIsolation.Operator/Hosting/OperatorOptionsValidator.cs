using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// Validates <see cref="OperatorOptions"/> at start-up: the values configuration could not supply
/// (from <see cref="OperatorOptionsReader"/>) and every rule below, all reported in one failure.
/// </summary>
/// <param name="configuration">The configuration the options were read from.</param>
internal sealed class OperatorOptionsValidator(IConfiguration configuration) : IValidateOptions<OperatorOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        var errors = OperatorOptionsReader.Read(configuration).Errors.Concat(Check(options)).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every rule the options break; empty when they are valid.</summary>
    public static IReadOnlyList<string> Check(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = OperatorOptions.SectionName + ":";
        var errors = new List<string>();
        errors.AddRange(options.LeaderElection.Validate().Select(error => prefix + "LeaderElection: " + error));
        errors.AddRange(options.Queue.Validate().Select(error => prefix + "Queue: " + error));
        Require(errors, options.Workers is >= 1 and <= 256, prefix + "Workers: must be between 1 and 256.");
        Require(errors, IsPort(options.MetricsPort), prefix + "MetricsPort: must be between 1 and 65535.");
        Require(errors, IsPort(options.Webhook.Port), prefix + "Webhook:Port: must be between 1 and 65535.");
        Require(errors, options.MetricsPort != options.Webhook.Port, prefix + "MetricsPort and Webhook:Port must differ.");
        Require(errors, options.ListenAddress == "*" || IPAddress.TryParse(options.ListenAddress, out _), prefix + "ListenAddress: must be * or an IP address.");
        Require(errors, options.WatchStallThreshold >= TimeSpan.FromSeconds(1), prefix + "WatchStallThreshold: must be at least one second.");
        Require(errors, options.ShutdownTimeout > TimeSpan.Zero, prefix + "ShutdownTimeout: must be positive.");
        Require(errors, options.StatusProgressInterval >= TimeSpan.Zero && options.StatusProgressInterval <= TimeSpan.FromMinutes(1), prefix + "StatusProgressInterval: must be between 0s and 1m.");
        Require(errors, options.Kubeconfig is null || File.Exists(options.Kubeconfig), $"{prefix}Kubeconfig: file '{options.Kubeconfig}' does not exist.");
        CheckCertificatePaths(errors, options.Webhook, prefix + "Webhook:");
        return errors;
    }

    private static void CheckCertificatePaths(List<string> errors, WebhookOptions webhook, string prefix)
    {
        if ((webhook.CertificatePath is null) != (webhook.KeyPath is null))
        {
            errors.Add(prefix + "CertificatePath and KeyPath must be set together.");
        }

        foreach (var (key, path) in new[] { ("CertificatePath", webhook.CertificatePath), ("KeyPath", webhook.KeyPath) })
        {
            Require(errors, path is null || File.Exists(path), $"{prefix}{key}: file '{path}' does not exist.");
        }
    }

    private static bool IsPort(int port) => port is >= 1 and <= 65535;

    private static void Require(List<string> errors, bool condition, string error)
    {
        if (!condition)
        {
            errors.Add(error);
        }
    }
}
