using System.Globalization;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Security;
using HyperVIsolation.LocalApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// <c>POST .../serviceaccounts/&lt;name&gt;/token</c>: kube-apiserver's TokenRequest, issuing a bound token for an
/// existing service account, with upstream's defaults (one hour, the server's audience) and validation.
/// </summary>
public sealed class TokenRequests(ObjectStore store, ServiceAccountTokens tokens, TimeProvider clock)
{
    /// <summary>The audience tokens get when the request names none (kube-apiserver's default <c>--api-audiences</c>).</summary>
    public const string DefaultAudience = "https://kubernetes.default.svc.cluster.local";

    private const long DefaultExpirationSeconds = 3600;
    private const long MinimumExpirationSeconds = 600;
    private const long MaximumExpirationSeconds = 1L << 32;

    /// <summary>Answers one TokenRequest.</summary>
    public async Task CreateAsync(HttpContext context, ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var body = context.Request.ContentLength is 0 ? new JsonObject() : await RequestBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
        var spec = body["spec"] as JsonObject ?? new JsonObject();
        var expiration = spec["expirationSeconds"] is JsonValue seconds && seconds.TryGetValue<long>(out var asked) ? asked : DefaultExpirationSeconds;
        var name = request.Name!;
        if (expiration < MinimumExpirationSeconds || expiration > MaximumExpirationSeconds)
        {
            var detail = expiration < MinimumExpirationSeconds ? "may not specify a duration less than 10 minutes" : "may not specify a duration larger than 2^32 seconds";
            throw ApiErrors.Invalid("authentication.k8s.io", "TokenRequest", name, [FieldError.InvalidValue("spec.expirationSeconds", expiration.ToString(CultureInfo.InvariantCulture), detail)]);
        }

        var account = store.Read("serviceaccounts", request.StorageNamespace, name) ?? throw ApiErrors.NotFound(string.Empty, "serviceaccounts", name);
        var audiences = spec["audiences"] is JsonArray { Count: > 0 } listed ? (JsonArray)listed.DeepClone() : new JsonArray(DefaultAudience);
        var issued = tokens.Issue(request.StorageNamespace, name, ObjectMetadata.Uid(account.Object), TimeSpan.FromSeconds(expiration));
        var response = new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = request.StorageNamespace, ["creationTimestamp"] = ObjectMetadata.Timestamp(clock.GetUtcNow()) },
            ["spec"] = new JsonObject { ["audiences"] = audiences, ["expirationSeconds"] = expiration, ["boundObjectRef"] = spec["boundObjectRef"]?.DeepClone() },
            ["status"] = new JsonObject { ["token"] = issued.Token, ["expirationTimestamp"] = ObjectMetadata.Timestamp(issued.ExpiresAt) },
        };
        await ApiResponses.WriteJsonAsync(context, 201, response);
    }
}
