using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// Creates <see cref="OperatorOptions"/> with <see cref="OperatorOptionsReader"/> instead of the
/// configuration binder (Go-style durations, every bad value reported), then runs the usual
/// configure, post-configure and validation steps, so <c>ValidateOnStart</c> and test overrides keep working.
/// </summary>
internal sealed class OperatorOptionsFactory(
    IConfiguration configuration,
    IEnumerable<IConfigureOptions<OperatorOptions>> setups,
    IEnumerable<IPostConfigureOptions<OperatorOptions>> postConfigures,
    IEnumerable<IValidateOptions<OperatorOptions>> validations)
    : OptionsFactory<OperatorOptions>(setups, postConfigures, validations)
{
    /// <inheritdoc/>
    protected override OperatorOptions CreateInstance(string name) => OperatorOptionsReader.Read(configuration).Options;
}
