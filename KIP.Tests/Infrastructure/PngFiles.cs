using System.Buffers.Binary;

namespace KIP.Tests.Infrastructure;

/// <summary>PNG files made to measure for upload tests.</summary>
public static class PngFiles
{
    /// <summary>Rewrites a PNG's IHDR width and height, with a correct CRC so a decoder believes it.</summary>
    public static byte[] WithSize(byte[] png, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(png);
        var copy = png.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(29), Crc32(copy.AsSpan(12, 17)));
        return copy;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
