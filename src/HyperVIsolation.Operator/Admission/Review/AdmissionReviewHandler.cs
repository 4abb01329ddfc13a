using System.Buffers;
using System.Text.Json;
using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Admission.Json;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>
/// Turns a request body into a response for one endpoint: 400 for anything that is not an
/// <c>admission.k8s.io/v1</c> AdmissionReview with a request and a uid, otherwise 200 with the
/// reviewer's decision and the uid echoed. It never throws: an unexpected failure while deciding
/// is logged and answered with a denial (fail closed, like <c>failurePolicy: Fail</c>).
/// </summary>
/// <param name="reader">Reads the request bodies.</param>
/// <param name="reviewers">The reviewer of each endpoint.</param>
/// <param name="logger">Where outcomes are logged.</param>
internal sealed class AdmissionReviewHandler(AdmissionReviewReader reader, IReadOnlyDictionary<AdmissionEndpoint, IAdmissionReviewer> reviewers, ILogger<AdmissionReviewHandler> logger)
{
    /// <summary>The decision for <paramref name="body"/> sent to <paramref name="endpoint"/>, as a whole answer.</summary>
    /// <remarks>The embedded objects are read from <paramref name="body"/> itself, which must stay unchanged until this returns.</remarks>
    public AdmissionHttpResult Handle(ReadOnlyMemory<byte> body, AdmissionEndpoint endpoint)
    {
        var output = new ArrayBufferWriter<byte>();
        var head = Handle(body, endpoint, output);
        return new AdmissionHttpResult(head.StatusCode, head.ContentType, output.WrittenSpan.ToArray());
    }

    /// <summary>
    /// The decision for <paramref name="body"/> sent to <paramref name="endpoint"/>: the response body is written to
    /// <paramref name="output"/>, the status code and content type returned.
    /// </summary>
    public AdmissionResponseHead Handle(ReadOnlyMemory<byte> body, AdmissionEndpoint endpoint, IBufferWriter<byte> output)
    {
        AdmissionReviewDocument? review;
        try
        {
            review = reader.Read(body, readPods: endpoint is AdmissionEndpoint.MutatePods or AdmissionEndpoint.ValidatePods);
        }
        catch (JsonException exception)
        {
            return Reject(endpoint, $"The body is not an AdmissionReview: {exception.Message}", output);
        }

        if (review is null)
        {
            return Reject(endpoint, "The body is not an AdmissionReview.", output);
        }

        if (review.ApiVersion != AdmissionReviewDocument.V1 || review.Kind != AdmissionReviewDocument.KindName)
        {
            return Reject(endpoint, $"Expected apiVersion {AdmissionReviewDocument.V1} and kind {AdmissionReviewDocument.KindName}, got '{review.ApiVersion}' and '{review.Kind}'.", output);
        }

        if (review.Request is not { Uid: { Length: > 0 } uid } request)
        {
            return Reject(endpoint, "The AdmissionReview has no request or no request.uid.", output);
        }

        AdmissionReviewWriter.Write(output, uid, Decide(endpoint, request));
        return AdmissionResponseHead.Review;
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

    private AdmissionResponseHead Reject(AdmissionEndpoint endpoint, string reason, IBufferWriter<byte> output)
    {
        AdmissionLog.MalformedReview(logger, endpoint, reason);
        return AdmissionResponseHead.Error(400, reason, output);
    }
}
