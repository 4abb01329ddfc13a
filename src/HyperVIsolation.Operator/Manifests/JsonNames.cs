using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// Names as <c>k8s.KubernetesJson</c> writes them: camelCase properties unless
/// <see cref="JsonPropertyNameAttribute"/> says otherwise, enum members by name unless
/// <see cref="JsonStringEnumMemberNameAttribute"/> says otherwise.
/// </summary>
internal static class JsonNames
{
    public static string Of(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    public static IReadOnlyList<string> EnumMembers(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(field => Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture))
            .Select(EnumMember)
            .ToList();

    public static string EnumMember(object value)
    {
        var type = value.GetType();
        var name = Enum.GetName(type, value)
            ?? throw new ManifestGenerationException($"{value} is not a named member of {type.Name}.");
        return EnumMember(type.GetField(name)!);
    }

    private static string EnumMember(FieldInfo field) =>
        field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;
}
