using HyperVIsolation.LocalApiServer.Admission;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Authorization;

/// <summary>
/// The authorization step of a server that enforces RBAC: derives the request's attributes from its URL,
/// decides against the stored roles and bindings, records the decision, and refuses with kube-apiserver's 403.
/// </summary>
public sealed class RequestAuthorizer(RbacPolicyReader policies, AuthorizationLog log)
{
    /// <summary>Throws the Forbidden <see cref="Errors.ApiException"/> when <paramref name="user"/> may not make the request.</summary>
    public void Authorize(HttpContext context, AdmissionUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.Count > 0 ? q.Value[0] ?? string.Empty : string.Empty);
        var request = RequestAttributesParser.Parse(context.Request.Method, context.Request.Path.Value ?? "/", query);
        if (user.Groups.Contains(RbacAuthorizer.PrivilegedGroup))
        {
            return;
        }

        var decision = RbacAuthorizer.Authorize(policies.Read(), user.Name, user.Groups, request);
        log.Add(new AuthorizationRecord(user.Name, request, decision));
        if (!decision.Allowed)
        {
            throw ForbiddenStatus.For(request, user.Name, decision.Reason);
        }
    }
}
