using System.Collections.Concurrent;
using System.Xml;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace KIP.Web.Components.Shared;

/// <summary>
/// Draws a MudBlazor icon constant (a string of SVG shape elements such as <c>&lt;path d="..."/&gt;</c>) inside an
/// <c>&lt;svg&gt;</c> of the page's own, as elements and attributes, never as markup: the text is parsed once into
/// shapes (cached) and each shape is written with the render tree, which escapes every attribute value. Anything but
/// SVG shapes (a script, an event handler, a link, text) is refused. Used where a row or a static part of the layout is
/// plain HTML instead of a <c>MudIcon</c> component (decision 017).
/// </summary>
public static class SvgShapes
{
    private static readonly HashSet<string> Shapes =
        ["path", "g", "circle", "ellipse", "rect", "line", "polygon", "polyline"];

    private static readonly ConcurrentDictionary<string, Shape[]> Parsed = new(StringComparer.Ordinal);

    /// <summary>The icon's shapes, to put inside an <c>&lt;svg&gt;</c> element.</summary>
    public static RenderFragment Of(string icon)
    {
        var shapes = Parse(icon);
        return builder => Write(builder, shapes);
    }

    /// <summary>The icon's shapes as parsed: element names with their attributes, in order, children inside.</summary>
    public static IReadOnlyList<Shape> Parse(string icon) => Parsed.GetOrAdd(icon, Read);

    private static void Write(RenderTreeBuilder builder, IReadOnlyList<Shape> shapes)
    {
        foreach (var shape in shapes)
        {
            builder.OpenElement(0, shape.Name);
            foreach (var (name, value) in shape.Attributes)
            {
                builder.AddAttribute(1, name, value);
            }

            Write(builder, shape.Children);

            builder.CloseElement();
        }
    }

    private static Shape[] Read(string icon)
    {
        var settings = new XmlReaderSettings
        {
            ConformanceLevel = ConformanceLevel.Fragment,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        using var reader = XmlReader.Create(new StringReader(icon), settings);
        var top = new List<Shape>();
        var open = new Stack<List<Shape>>();
        open.Push(top);
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var shape = ReadElement(reader);
                    open.Peek().Add(shape);
                    if (!reader.IsEmptyElement)
                    {
                        open.Push((List<Shape>)shape.Children);
                    }

                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
                default:
                    throw new ArgumentException($"An icon holds SVG shapes only, not {reader.NodeType}.", nameof(icon));
            }
        }

        return top.Count > 0 ? [.. top] : throw new ArgumentException("An icon holds at least one SVG shape.", nameof(icon));
    }

    private static Shape ReadElement(XmlReader reader)
    {
        var name = reader.LocalName;
        if (!Shapes.Contains(name) || reader.Prefix.Length > 0)
        {
            throw new ArgumentException($"An icon holds SVG shapes only, not <{reader.Name}>.");
        }

        var attributes = new List<KeyValuePair<string, string>>();
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                var attribute = reader.Name;
                if (attribute.StartsWith("on", StringComparison.OrdinalIgnoreCase) || attribute.Contains("href", StringComparison.OrdinalIgnoreCase)
                    || attribute.Equals("style", StringComparison.OrdinalIgnoreCase) || attribute.StartsWith("xmlns", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"An icon's shapes carry drawing attributes only, not {attribute}.");
                }

                attributes.Add(new(attribute, reader.Value));
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }

        return new Shape(name, attributes, new List<Shape>());
    }

    /// <summary>One SVG shape element of an icon.</summary>
    public sealed record Shape(string Name, IReadOnlyList<KeyValuePair<string, string>> Attributes, IReadOnlyList<Shape> Children);
}
