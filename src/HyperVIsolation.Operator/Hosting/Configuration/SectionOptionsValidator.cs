using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Hosting.Configuration;

/// <summary>
/// Validates options bound from one configuration section: what the binder could not read
/// (<see cref="ConfigurationSectionCheck"/>) and the options' own rules, in one failure that lists every problem.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
/// <param name="configuration">The configuration the options are bound from.</param>
/// <param name="sectionName">Their section.</param>
/// <param name="rules">Every rule the bound options break, each message starting with the setting's path.</param>
internal sealed class SectionOptionsValidator<TOptions>(IConfiguration configuration, string sectionName, Func<TOptions, IEnumerable<string>> rules)
    : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = ConfigurationSectionCheck.Check(configuration, sectionName, typeof(TOptions)).Concat(rules(options)).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
