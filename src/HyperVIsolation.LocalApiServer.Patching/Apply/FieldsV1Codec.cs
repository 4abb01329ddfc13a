using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Converts a <see cref="FieldSet"/> to and from the <c>fieldsV1</c> JSON of a managedFields entry:
/// every element is a key, a leaf member is <c>{}</c>, and a member with children carries
/// <c>".": {}</c> first.
/// </summary>
internal static class FieldsV1Codec
{
    private const string Self = ".";

    public static JsonObject Write(FieldSet set)
    {
        var result = new JsonObject();
        if (set.IsMember && set.Children.Any())
        {
            result[Self] = new JsonObject();
        }

        foreach (var (element, child) in set.Children)
        {
            result[element] = Write(child);
        }

        return result;
    }

    /// <summary>Reads fieldsV1; null when the JSON is not a valid encoding.</summary>
    public static FieldSet? Read(JsonNode? fieldsV1)
    {
        var set = new FieldSet();
        return fieldsV1 is JsonObject obj && Fill(set, obj) ? set : null;
    }

    private static bool Fill(FieldSet node, JsonObject obj)
    {
        foreach (var (element, value) in obj)
        {
            if (value is not JsonObject childObject)
            {
                return false;
            }

            if (element == Self)
            {
                node.MarkMember();
                continue;
            }

            if (!IsElement(element))
            {
                return false;
            }

            var child = node.GetOrAddChild(element);
            if (childObject.Count == 0)
            {
                child.MarkMember();
            }
            else if (!Fill(child, childObject))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsElement(string element) =>
        element.Length >= 2 && element[1] == ':' && element[0] is 'f' or 'k' or 'v' or 'i';
}
