using HyperVIsolation.Operator.Hosting;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// The one rule across sections: the webhook's HTTPS port and the metrics port must differ, or Kestrel fails to
/// bind the second. Invalid <c>Operator</c> settings are reported by their own validation, not repeated here.
/// </summary>
internal sealed class WebhookPortValidator(IOptionsMonitor<OperatorOptions> operatorOptions) : IValidateOptions<WebhookOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return operatorOptions.CurrentValue.MetricsPort == options.Port
                ? ValidateOptionsResult.Fail($"{WebhookOptions.SectionName}:Port and {OperatorOptions.SectionName}:MetricsPort must differ (both {options.Port}).")
                : ValidateOptionsResult.Success;
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Skip;
        }
    }
}
