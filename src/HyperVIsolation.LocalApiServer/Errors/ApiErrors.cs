using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Errors;

/// <summary>Factory of the errors kube-apiserver returns, with its exact reasons and message shapes.</summary>
public static class ApiErrors
{
    /// <summary>404 NotFound for an object.</summary>
    public static ApiException NotFound(string group, string resource, string name) =>
        new(404, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found", Details(group, resource, name));

    /// <summary>404 NotFound for a path that names no resource.</summary>
    public static ApiException PathNotFound() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    /// <summary>
    /// 404 for a path outside every served group-version: kube-apiserver's mux answers these with
    /// its plain-text page, not a <c>Status</c>.
    /// </summary>
    public static ApiException PageNotFound() => new(404, "NotFound", "404 page not found") { PlainText = true };

    /// <summary>409 AlreadyExists.</summary>
    public static ApiException AlreadyExists(string group, string resource, string name) =>
        new(409, "AlreadyExists", $"{Qualified(group, resource)} \"{name}\" already exists", Details(group, resource, name));

    /// <summary>409 Conflict on a stale resourceVersion or a precondition.</summary>
    public static ApiException Conflict(string group, string resource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, resource)} \"{name}\": {why}", Details(group, resource, name));

    /// <summary>410 Gone (reason Expired) when a resource version left the history window.</summary>
    public static ApiException Expired(string message) => new(410, "Expired", message);

    /// <summary>400 BadRequest.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>415 UnsupportedMediaType.</summary>
    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got \"{contentType}\")");

    /// <summary>405 MethodNotAllowed.</summary>
    public static ApiException MethodNotAllowed(string method) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})");

    /// <summary>403 Forbidden (without a name when the object has none yet, as kube-apiserver words it).</summary>
    public static ApiException Forbidden(string group, string resource, string name, string why)
    {
        var subject = name.Length == 0 ? Qualified(group, resource) : $"{Qualified(group, resource)} \"{name}\"";
        return new(403, "Forbidden", $"{subject} is forbidden: {why}", Details(group, resource, name));
    }

    /// <summary>
    /// 403 Forbidden of the namespace lifecycle admission: no new object in a namespace that is being
    /// deleted, with the <c>NamespaceTerminating</c> cause clients look for.
    /// </summary>
    public static ApiException NamespaceTerminating(string group, string resource, string name, string ns)
    {
        var error = Forbidden(group, resource, name, $"unable to create new content in namespace {ns} because it is being terminated");
        error.Details!["causes"] = new JsonArray(new JsonObject
        {
            ["reason"] = "NamespaceTerminating",
            ["message"] = $"namespace {ns} is being terminated",
            ["field"] = "metadata.namespace",
        });
        return error;
    }

    /// <summary>422 Invalid with one cause per field error.</summary>
    public static ApiException Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Add(new JsonObject { ["reason"] = error.Type, ["message"] = error.Message, ["field"] = error.Field });
        }

        var rendered = errors.Select(e => e.ToString()).ToList();
        var joined = rendered.Count == 1 ? rendered[0] : "[" + string.Join(", ", rendered) + "]";
        var qualifiedKind = string.IsNullOrEmpty(group) ? kind : $"{kind}.{group}";
        var details = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind, ["causes"] = causes };
        return new ApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {joined}", details);
    }

    private static string Qualified(string group, string resource) =>
        string.IsNullOrEmpty(group) ? resource : $"{resource}.{group}";

    private static JsonObject Details(string group, string resource, string name) => new()
    {
        ["name"] = name,
        ["group"] = group,
        ["kind"] = resource,
    };
}
