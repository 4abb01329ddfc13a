using System.Buffers;
using System.Text.Json;

namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>
/// Writes the AdmissionReview response with a <see cref="Utf8JsonWriter"/> straight into the caller's buffer: the
/// same JSON the source-generated serializer wrote (camelCase, null members left out, the patch as base64), without
/// building the documents or an intermediate array. One writer per thread is reused.
/// </summary>
internal static class AdmissionReviewWriter
{
    [ThreadStatic]
    private static Utf8JsonWriter? cached;

    /// <summary>Writes the response for <paramref name="uid"/>.</summary>
    public static void Write(IBufferWriter<byte> output, string uid, AdmissionDecision decision)
    {
        var writer = cached ??= new Utf8JsonWriter(output);
        writer.Reset(output);
        try
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion"u8, AdmissionReviewDocument.V1);
            writer.WriteString("kind"u8, AdmissionReviewDocument.KindName);
            writer.WriteStartObject("response"u8);
            writer.WriteString("uid"u8, uid);
            writer.WriteBoolean("allowed"u8, decision.Allowed);
            if (decision.Status is { } status)
            {
                WriteStatus(writer, status);
            }

            if (decision.Patch is { } patch)
            {
                writer.WriteString("patchType"u8, "JSONPatch"u8);
                writer.WriteBase64String("patch"u8, patch);
            }

            if (decision.Warnings.Count > 0)
            {
                writer.WriteStartArray("warnings"u8);
                foreach (var warning in decision.Warnings)
                {
                    writer.WriteStringValue(warning);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
        }
        finally
        {
            // Drop the reference to the caller's buffer; the writer stays for the thread's next request.
            writer.Reset(Stream.Null);
        }
    }

    private static void WriteStatus(Utf8JsonWriter writer, AdmissionStatusDocument status)
    {
        writer.WriteStartObject("status"u8);
        WriteIfSet(writer, "status"u8, status.Status);
        writer.WriteNumber("code"u8, status.Code);
        WriteIfSet(writer, "reason"u8, status.Reason);
        WriteIfSet(writer, "message"u8, status.Message);
        if (status.Details is { } details)
        {
            writer.WriteStartObject("details"u8);
            writer.WriteStartArray("causes"u8);
            foreach (var cause in details.Causes)
            {
                writer.WriteStartObject();
                WriteIfSet(writer, "reason"u8, cause.Reason);
                WriteIfSet(writer, "message"u8, cause.Message);
                WriteIfSet(writer, "field"u8, cause.Field);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
