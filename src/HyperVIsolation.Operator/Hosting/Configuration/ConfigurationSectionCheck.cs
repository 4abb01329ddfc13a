using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using HyperVIsolation.Api.Text;
using Microsoft.Extensions.Configuration;

namespace HyperVIsolation.Operator.Hosting.Configuration;

/// <summary>
/// What the configuration binder would stumble on in one options section, all of it at once: values it cannot
/// convert (it throws at the first) and keys no property takes (it ignores them, so a typo would silently leave a
/// default the cluster's operator did not want). Walks the options type's public settable properties.
/// </summary>
internal static class ConfigurationSectionCheck
{
    private const string UnknownSetting = ": unknown setting.";

    /// <summary>Every unreadable value and unknown key under <paramref name="sectionName"/>, by configuration path.</summary>
    public static IReadOnlyList<string> Check(IConfiguration configuration, string sectionName, Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        CheckObject(configuration.GetSection(sectionName), optionsType, errors);
        return errors;
    }

    /// <summary>
    /// Whether the binder can bind the section without throwing: every value converts. Unknown keys do not stop it
    /// (the binder skips them), so the options' own rules still see every readable value.
    /// </summary>
    public static bool CanBind(IConfiguration configuration, string sectionName, Type optionsType) =>
        !Check(configuration, sectionName, optionsType).Any(error => !error.EndsWith(UnknownSetting, StringComparison.Ordinal));

    private static void CheckObject(IConfigurationSection section, Type type, List<string> errors)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.SetMethod is not { IsPublic: true })
            {
                errors.Add($"{child.Path}{UnknownSetting}");
                continue;
            }

            CheckValue(child, property.PropertyType, errors);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var hasChildren = section.GetChildren().Any();
        if (IsScalar(type))
        {
            if (hasChildren)
            {
                errors.Add($"{section.Path}: is a single value, not a section.");
            }
            else if (!string.IsNullOrWhiteSpace(section.Value) && !CanConvert(section.Value, type))
            {
                errors.Add($"{section.Path}: '{section.Value}' is not {Expected(type)}.");
            }

            return;
        }

        if (ElementType(type) is { } element)
        {
            foreach (var item in section.GetChildren())
            {
                CheckValue(item, element, errors);
            }

            return;
        }

        if (!hasChildren && !string.IsNullOrWhiteSpace(section.Value))
        {
            errors.Add($"{section.Path}: is a section of settings, not a single value.");
            return;
        }

        CheckObject(section, type, errors);
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type) ? element
        : null;

    private static bool CanConvert(string text, Type type)
    {
        if (type == typeof(TimeSpan))
        {
            return GoDuration.TryParse(text, out _);
        }

        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text) is not null;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or NotSupportedException or OverflowException or UriFormatException)
        {
            return false;
        }
    }

    private static string Expected(Type type) =>
        type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) ? "a number"
        : type == typeof(bool) ? "true or false"
        : type == typeof(TimeSpan) ? "a duration such as 15s, 1m30s or 00:00:15"
        : type == typeof(Uri) ? "a URL"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
        : string.Create(CultureInfo.InvariantCulture, $"a {type.Name}");
}
