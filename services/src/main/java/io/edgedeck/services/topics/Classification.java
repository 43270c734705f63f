package io.edgedeck.services.topics;

/**
 * What the decoder made of a message.
 *
 * @param detail for understood messages what was read ("2 readings of meter-7"), else the reason it was not
 */
public record Classification(TopicStatus status, String detail) {
}
