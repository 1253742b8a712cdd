package dev.llmos.llm.chat;

/** One part of a message: text or an image. */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.Image {
  /** Plain text. */
  record Text(String text) implements ContentPart {
    public Text {
      if (text == null) {
        throw new IllegalArgumentException("a text part needs text");
      }
    }
  }

  /** A JPEG image, sent as a base64 data URL. */
  record Image(JpegImage image) implements ContentPart {
    public Image {
      if (image == null) {
        throw new IllegalArgumentException("an image part needs an image");
      }
    }
  }
}
