using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>
/// The 403 kube-apiserver writes when authorization denies a request: upstream's <c>responsewriters.Forbidden</c>
/// (its <c>forbiddenMessage</c>) wrapped in <c>apierrors.NewForbidden</c>, with Go's omitted empty detail fields.
/// </summary>
public static class ForbiddenStatus
{
    /// <summary>The error for <paramref name="user"/> denied <paramref name="request"/>, with the authorizer's reason if any.</summary>
    public static ApiException For(RequestAttributes request, string user, string reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = Message(request, user);
        if (reason.Length > 0)
        {
            message = $"{message}: {reason}";
        }

        var qualified = request.ApiGroup.Length == 0 ? request.Resource : $"{request.Resource}.{request.ApiGroup}";
        var text = qualified.Length == 0
            ? $"forbidden: {message}"
            : request.Name.Length == 0 ? $"{qualified} is forbidden: {message}" : $"{qualified} \"{request.Name}\" is forbidden: {message}";
        var details = new JsonObject();
        if (request.Name.Length > 0)
        {
            details["name"] = request.Name;
        }

        if (request.ApiGroup.Length > 0)
        {
            details["group"] = request.ApiGroup;
        }

        if (request.Resource.Length > 0)
        {
            details["kind"] = request.Resource;
        }

        return new ApiException(403, "Forbidden", text, details);
    }

    private static string Message(RequestAttributes request, string user)
    {
        if (!request.IsResourceRequest)
        {
            return $"User \"{user}\" cannot {request.Verb} path \"{request.Path}\"";
        }

        return request.Namespace.Length > 0
            ? $"User \"{user}\" cannot {request.Verb} resource \"{request.CombinedResource}\" in API group \"{request.ApiGroup}\" in the namespace \"{request.Namespace}\""
            : $"User \"{user}\" cannot {request.Verb} resource \"{request.CombinedResource}\" in API group \"{request.ApiGroup}\" at the cluster scope";
    }
}
