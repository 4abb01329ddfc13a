using System.Reflection;
using HyperVIsolation.Operator.Admission.Hosting;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Tests.Manifests;

namespace HyperVIsolation.Operator.Tests.Hosting;

/// <summary>README.md's configuration table lists every setting the two sections bind.</summary>
public sealed class ConfigurationTableTests
{
    [Theory]
    [InlineData(typeof(OperatorOptions), OperatorOptions.SectionName)]
    [InlineData(typeof(WebhookOptions), WebhookOptions.SectionName)]
    public void ReadmeTable_EverySetting_Listed(Type optionsType, string section)
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md"))
            .Where(line => line.StartsWith($"| `{section}__", StringComparison.Ordinal))
            .ToList();

        var missing = Settings(optionsType).Where(name => !rows.Any(row => row.Contains("__" + name, StringComparison.Ordinal)));

        missing.Should().BeEmpty($"README.md's configuration table must list every {section}__ setting");
    }

    // Leaf settings: scalars and lists; nested options records contribute their own properties.
    private static IEnumerable<string> Settings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true })
            .SelectMany(property => property.PropertyType.IsClass && property.PropertyType.Namespace!.StartsWith("HyperVIsolation", StringComparison.Ordinal)
                ? Settings(property.PropertyType)
                : [property.Name]);
}
