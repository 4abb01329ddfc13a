using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>
/// Turns a request body into a response for one endpoint: 400 for anything that is not an
/// <c>admission.k8s.io/v1</c> AdmissionReview with a request and a uid, otherwise 200 with the
/// reviewer's decision and the uid echoed. It never throws: an unexpected failure while deciding
/// is logged and answered with a denial (fail closed, like <c>failurePolicy: Fail</c>).
/// </summary>
/// <param name="reviewers">The reviewer of each endpoint.</param>
/// <param name="logger">Where outcomes are logged.</param>
internal sealed class AdmissionReviewHandler(IReadOnlyDictionary<AdmissionEndpoint, IAdmissionReviewer> reviewers, ILogger<AdmissionReviewHandler> logger)
{
    /// <summary>The decision for <paramref name="body"/> sent to <paramref name="endpoint"/>.</summary>
    /// <remarks>The embedded objects are read from <paramref name="body"/> itself, which must stay unchanged until this returns.</remarks>
    public AdmissionHttpResult Handle(ReadOnlyMemory<byte> body, AdmissionEndpoint endpoint)
    {
        AdmissionReviewDocument? review;
        try
        {
            review = AdmissionReviewReader.Read(body, readPods: endpoint is AdmissionEndpoint.MutatePods or AdmissionEndpoint.ValidatePods);
        }
        catch (JsonException exception)
        {
            return Reject(endpoint, $"The body is not an AdmissionReview: {exception.Message}");
        }

        if (review is null)
        {
            return Reject(endpoint, "The body is not an AdmissionReview.");
        }

        if (review.ApiVersion != AdmissionReviewDocument.V1 || review.Kind != AdmissionReviewDocument.KindName)
        {
            return Reject(endpoint, $"Expected apiVersion {AdmissionReviewDocument.V1} and kind {AdmissionReviewDocument.KindName}, got '{review.ApiVersion}' and '{review.Kind}'.");
        }

        if (review.Request is not { Uid: { Length: > 0 } uid } request)
        {
            return Reject(endpoint, "The AdmissionReview has no request or no request.uid.");
        }

        var decision = Decide(endpoint, request);
        return Respond(uid, decision);
    }

    private AdmissionDecision Decide(AdmissionEndpoint endpoint, AdmissionRequestDocument request)
    {
        if (!reviewers.TryGetValue(endpoint, out var reviewer))
        {
            return AdmissionDecision.BadRequest($"No reviewer serves {endpoint}.");
        }

        try
        {
            var decision = reviewer.Review(request);
            if (!decision.Allowed)
            {
                AdmissionLog.Denied(logger, endpoint, request.Namespace ?? string.Empty, request.Name ?? string.Empty, request.Uid ?? string.Empty, decision.Status?.Message ?? string.Empty);
            }

            return decision;
        }
#pragma warning disable CA1031 // A bug in a rule must deny the request, not crash the request pipeline.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            AdmissionLog.ReviewFailed(logger, exception, endpoint, request.Uid ?? string.Empty);
            return new AdmissionDecision(
                false,
                new AdmissionStatusDocument { Code = 500, Reason = "InternalError", Message = "The isolation webhook could not evaluate this request; it is denied until it can." },
                null,
                []);
        }
    }

    private static AdmissionHttpResult Respond(string uid, AdmissionDecision decision)
    {
        var response = new AdmissionReviewDocument
        {
            ApiVersion = AdmissionReviewDocument.V1,
            Kind = AdmissionReviewDocument.KindName,
            Response = new AdmissionResponseDocument
            {
                Uid = uid,
                Allowed = decision.Allowed,
                Status = decision.Status,
                PatchType = decision.Patch is null ? null : "JSONPatch",
                Patch = decision.Patch,
                Warnings = decision.Warnings.Count == 0 ? null : decision.Warnings.ToList(),
            },
        };
        return new AdmissionHttpResult(200, "application/json", JsonSerializer.SerializeToUtf8Bytes(response, AdmissionJsonContext.Default.AdmissionReviewDocument));
    }

    private AdmissionHttpResult Reject(AdmissionEndpoint endpoint, string reason)
    {
        AdmissionLog.MalformedReview(logger, endpoint, reason);
        return AdmissionHttpResult.Error(400, reason);
    }
}
