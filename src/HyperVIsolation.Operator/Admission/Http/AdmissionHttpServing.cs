using System.Buffers;
using System.IO.Pipelines;
using HyperVIsolation.Operator.Admission.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>
/// One webhook call over HTTP: the body is read from the request's <see cref="PipeReader"/> and decided in place
/// (copied only when it arrived in more than one segment), and the answer written with its Content-Length to the
/// response's <see cref="PipeWriter"/>. Bodies over the limit get a 413, unreadable ones a 400.
/// </summary>
/// <param name="handler">The review handler.</param>
/// <param name="limit">The largest body read, in bytes.</param>
/// <param name="logger">Where refused bodies are logged.</param>
internal sealed class AdmissionHttpServing(AdmissionReviewHandler handler, long limit, ILogger logger)
{
    /// <summary>Answers one request to <paramref name="endpoint"/>.</summary>
    public async Task ServeAsync(HttpContext context, AdmissionEndpoint endpoint)
    {
        using var output = new PooledBufferWriter();
        var head = await ReadAndHandleAsync(context, endpoint, output).ConfigureAwait(false);
        context.Response.StatusCode = head.StatusCode;
        context.Response.ContentType = head.ContentType;
        context.Response.ContentLength = output.WrittenCount;
        await context.Response.BodyWriter.WriteAsync(output.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<AdmissionResponseHead> ReadAndHandleAsync(HttpContext context, AdmissionEndpoint endpoint, PooledBufferWriter output)
    {
        if (context.Request.ContentLength > limit)
        {
            return TooLarge(endpoint, output);
        }

        var reader = context.Request.BodyReader;
        ReadResult result;
        while (true)
        {
            try
            {
                result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException exception)
            {
                return AdmissionResponseHead.Error(StatusCodes.Status400BadRequest, $"The request body could not be read: {exception.Message}", output);
            }

            if (result.Buffer.Length > limit)
            {
                reader.AdvanceTo(result.Buffer.End);
                return TooLarge(endpoint, output);
            }

            if (result.IsCompleted)
            {
                break;
            }

            // Nothing consumed, everything examined: the next read returns once more of the body is there.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }

        var body = result.Buffer;
        try
        {
            return body.IsSingleSegment ? handler.Handle(body.First, endpoint, output) : HandleCopy(body, endpoint, output);
        }
        finally
        {
            reader.AdvanceTo(body.End);
        }
    }

    /// <summary>A body in several segments is copied into one rented array: the review's objects are slices of one buffer.</summary>
    private AdmissionResponseHead HandleCopy(ReadOnlySequence<byte> body, AdmissionEndpoint endpoint, PooledBufferWriter output)
    {
        var length = checked((int)body.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(buffer);
            return handler.Handle(buffer.AsMemory(0, length), endpoint, output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private AdmissionResponseHead TooLarge(AdmissionEndpoint endpoint, PooledBufferWriter output)
    {
        AdmissionLog.BodyTooLarge(logger, endpoint, limit);
        return AdmissionResponseHead.Error(StatusCodes.Status413PayloadTooLarge, $"The AdmissionReview is larger than {limit} bytes.", output);
    }
}
