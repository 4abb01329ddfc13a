namespace HyperVIsolation.LocalApiServer.Errors;

/// <summary>One field error of a 422 Invalid answer, rendered the way kube-apiserver does.</summary>
/// <param name="Type">Cause type: FieldValueInvalid, FieldValueRequired, FieldValueNotSupported, FieldValueTypeInvalid, ...</param>
/// <param name="Field">Field path such as <c>spec.replicas</c>.</param>
/// <param name="Message">Message of the cause, without the field path.</param>
public sealed record FieldError(string Type, string Field, string Message)
{
    /// <summary>A required field is missing.</summary>
    public static FieldError Required(string field) => new("FieldValueRequired", field, "Required value");

    /// <summary>A value is invalid.</summary>
    public static FieldError InvalidValue(string field, string value, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {value}: {detail}");

    /// <summary>A value is not one of the supported ones.</summary>
    public static FieldError NotSupported(string field, string value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field, $"Unsupported value: {value}: supported values: {string.Join(", ", supported.Select(s => "\"" + s + "\""))}");

    /// <summary>A change or value the API does not allow (kube-apiserver's <c>field.Forbidden</c>).</summary>
    public static FieldError Forbidden(string field, string detail) => new("FieldValueForbidden", field, $"Forbidden: {detail}");

    /// <summary>A change to a field that may not change after creation.</summary>
    public static FieldError Immutable(string field, string value) => InvalidValue(field, value, "field is immutable");

    /// <summary>A string value as Go's <c>%q</c> prints it in field errors.</summary>
    public static string Quoted(string value) => System.Text.Json.JsonSerializer.Serialize(value, Storage.StoredObject.SerializerOptions);

    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}
