using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>
/// Creates <see cref="OperatorOptions"/> whose Lease defaults come from the pod (<c>POD_NAMESPACE</c> and
/// <c>POD_NAME</c>, set by the chart from the downward API) before the <c>Operator</c> section is bound over them;
/// the usual configure, post-configure and validation steps follow, so <c>ValidateOnStart</c> and test overrides work.
/// </summary>
internal sealed class OperatorOptionsFactory(
    IConfiguration configuration,
    IEnumerable<IConfigureOptions<OperatorOptions>> setups,
    IEnumerable<IPostConfigureOptions<OperatorOptions>> postConfigures,
    IEnumerable<IValidateOptions<OperatorOptions>> validations)
    : OptionsFactory<OperatorOptions>(setups, postConfigures, validations)
{
    /// <inheritdoc/>
    protected override OperatorOptions CreateInstance(string name) => new()
    {
        LeaderElection = new()
        {
            LeaseNamespace = Root("POD_NAMESPACE") ?? ServiceAccountNamespace() ?? "default",
            Identity = Root("POD_NAME") ?? Environment.MachineName,
        },
    };

    private string? Root(string key) => configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

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
