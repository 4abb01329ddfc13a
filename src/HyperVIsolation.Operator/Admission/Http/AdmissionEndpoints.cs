using System.Buffers;
using HyperVIsolation.Operator.Admission.State;
using HyperVIsolation.Operator.Sizing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>Registers and maps the admission webhook endpoints.</summary>
internal static class AdmissionEndpoints
{
    /// <summary>
    /// Registers the handler and reviewers. An <see cref="IAdmissionState"/> must be registered by
    /// the caller (the informer cache in the operator, an in-memory state in tests).
    /// </summary>
    public static IServiceCollection AddIsolationAdmission(this IServiceCollection services)
    {
        services.TryAddSingleton(new GuestOsFootprints());
        services.TryAddSingleton(provider => new VmSizer(provider.GetRequiredService<GuestOsFootprints>()));
        services.AddOptions<AdmissionOptions>().BindConfiguration(AdmissionOptions.SectionName);
        services.TryAddSingleton(provider =>
        {
            var state = provider.GetRequiredService<IAdmissionState>();
            var sizer = provider.GetRequiredService<VmSizer>();
            var trusted = provider.GetService<TrustedAdmissionUsers>()?.Users ?? provider.GetRequiredService<IOptions<AdmissionOptions>>().Value.TrustedUsers;
            var reviewers = new Dictionary<AdmissionEndpoint, IAdmissionReviewer>
            {
                [AdmissionEndpoint.MutatePods] = new PodMutationReviewer(state, sizer, trusted),
                [AdmissionEndpoint.ValidatePods] = new PodValidationReviewer(state, sizer, trusted),
                [AdmissionEndpoint.ValidateNamespaces] = new NamespaceValidationReviewer(state),
                [AdmissionEndpoint.ValidateIsolatedWorkloads] = new IsolatedWorkloadValidationReviewer(state),
                [AdmissionEndpoint.ValidateIsolationPolicies] = new IsolationPolicyValidationReviewer(),
            };
            return new AdmissionReviewHandler(reviewers, provider.GetRequiredService<ILogger<AdmissionReviewHandler>>());
        });
        return services;
    }

    /// <summary>
    /// Maps <c>POST</c> on every path of <see cref="AdmissionPaths"/>, answered only for
    /// <paramref name="requiredHost"/> (for example <c>*:9443</c>, the webhook port) when given.
    /// </summary>
    public static IEndpointRouteBuilder MapIsolationAdmission(this IEndpointRouteBuilder endpoints, string? requiredHost = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var (endpoint, path) in AdmissionPaths.All)
        {
            var route = endpoints.MapPost(path, context => ServeAsync(context, endpoint));
            if (requiredHost is not null)
            {
                route.RequireHost(requiredHost);
            }
        }

        return endpoints;
    }

    private static async Task ServeAsync(HttpContext context, AdmissionEndpoint endpoint)
    {
        var handler = context.RequestServices.GetRequiredService<AdmissionReviewHandler>();
        var limit = context.RequestServices.GetRequiredService<IOptions<AdmissionOptions>>().Value.MaxRequestBodyBytes;
        using var output = new PooledBufferWriter();
        var head = await ReadAndHandleAsync(context, handler, endpoint, limit, output).ConfigureAwait(false);
        context.Response.StatusCode = head.StatusCode;
        context.Response.ContentType = head.ContentType;
        context.Response.ContentLength = output.WrittenCount;
        await context.Response.BodyWriter.WriteAsync(output.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<AdmissionResponseHead> ReadAndHandleAsync(HttpContext context, AdmissionReviewHandler handler, AdmissionEndpoint endpoint, long limit, PooledBufferWriter output)
    {
        if (context.Request.ContentLength > limit)
        {
            AdmissionLog.BodyTooLarge(context.RequestServices.GetRequiredService<ILogger<AdmissionReviewHandler>>(), endpoint, limit);
            return AdmissionResponseHead.Error(StatusCodes.Status413PayloadTooLarge, $"The AdmissionReview is larger than {limit} bytes.", output);
        }

        // Rented, not allocated: every call reads a body of several KB, which would otherwise land on the GC
        // heap (the large object heap for big UPDATEs). One extra byte lets the final zero-length read happen
        // without growing when Content-Length is right.
        var buffer = ArrayPool<byte>.Shared.Rent(context.Request.ContentLength is > 0 and var length ? (int)length + 1 : 16 * 1024);
        try
        {
            var written = 0;
            while (true)
            {
                if (written == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, written).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read;
                try
                {
                    read = await context.Request.Body.ReadAsync(buffer.AsMemory(written), context.RequestAborted).ConfigureAwait(false);
                }
                catch (BadHttpRequestException exception)
                {
                    return AdmissionResponseHead.Error(StatusCodes.Status400BadRequest, $"The request body could not be read: {exception.Message}", output);
                }

                if (read == 0)
                {
                    break;
                }

                written += read;
                if (written > limit)
                {
                    AdmissionLog.BodyTooLarge(context.RequestServices.GetRequiredService<ILogger<AdmissionReviewHandler>>(), endpoint, limit);
                    return AdmissionResponseHead.Error(StatusCodes.Status413PayloadTooLarge, $"The AdmissionReview is larger than {limit} bytes.", output);
                }
            }

            return handler.Handle(buffer.AsMemory(0, written), endpoint, output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
