using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Http.Protobuf;

/// <summary>Minimal protobuf wire-format reader (varints and length-delimited fields).</summary>
public sealed class ProtobufReader(ReadOnlyMemory<byte> data)
{
    private int position;

    /// <summary>True while fields remain.</summary>
    public bool HasMore => position < data.Length;

    /// <summary>Reads the next field header.</summary>
    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    /// <summary>Reads a varint.</summary>
    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw ApiErrors.BadRequest("truncated protobuf varint");
            }

            var b = data.Span[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw ApiErrors.BadRequest("malformed protobuf varint");
    }

    /// <summary>Reads a length-delimited field.</summary>
    public ReadOnlyMemory<byte> ReadBytes()
    {
        var length = (int)ReadVarint();
        if (length < 0 || position + length > data.Length)
        {
            throw ApiErrors.BadRequest("truncated protobuf field");
        }

        var slice = data.Slice(position, length);
        position += length;
        return slice;
    }

    /// <summary>Reads a length-delimited field as UTF-8.</summary>
    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes().Span);

    /// <summary>Skips a field of the given wire type.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                position += 8;
                break;
            case 2:
                ReadBytes();
                break;
            case 5:
                position += 4;
                break;
            default:
                throw ApiErrors.BadRequest($"unsupported protobuf wire type {wireType}");
        }
    }
}
