using System.Text.Json;
using k8s.Autorest;

namespace HyperVIsolation.LocalCluster.Manifests;

/// <summary>A one-line, human-readable reason for a failed API call: the API server's message when it sent one.</summary>
internal static class ApiErrorText
{
    /// <summary>The reason <paramref name="error"/> stands for.</summary>
    public static string From(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is HttpOperationException { Response: { } response })
        {
            var status = (int)response.StatusCode;
            return StatusMessage(response.Content) is { } message ? $"{status} {response.ReasonPhrase}: {message}" : $"{status} {response.ReasonPhrase}";
        }

        return error.Message;
    }

    /// <summary>The <c>message</c> of a <c>Status</c> body, or null when the body is not one.</summary>
    public static string? StatusMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] + "…" : body;
        }
    }
}
