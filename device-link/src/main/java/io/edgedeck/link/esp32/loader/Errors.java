package io.edgedeck.link.esp32.loader;

import io.edgedeck.link.serial.SerialException;

/** Maps serial-layer failures to the flasher's error codes. */
public final class Errors {

    private Errors() {
    }

    public static FlashException fromSerial(SerialException e) {
        FlashException.Code code = switch (e.reason()) {
            case NOT_FOUND -> FlashException.Code.PORT_NOT_FOUND;
            case BUSY -> FlashException.Code.PORT_BUSY;
            case PERMISSION -> FlashException.Code.PERMISSION;
            case LOST -> FlashException.Code.LINK_LOST;
            case UNSUPPORTED, IO -> FlashException.Code.IO;
        };
        return new FlashException(code, stripHint(e.getMessage()), e);
    }

    private static String stripHint(String message) {
        // the serial layer's message already carries its own advice for permission problems; keep the first sentence
        int dot = message.indexOf(". ");
        return dot > 0 ? message.substring(0, dot) : message;
    }
}
