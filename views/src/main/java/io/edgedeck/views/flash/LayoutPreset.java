package io.edgedeck.views.flash;

import java.util.List;

/** What goes where on the flash: the Flash screen's layout choices, each with its file slots in flash order. */
public enum LayoutPreset {
    APP_ONLY("App only at 0x10000", List.of(ImageSlot.Role.APP)),
    FULL("Full: bootloader 0x1000 + partition table 0x8000 + app 0x10000",
            List.of(ImageSlot.Role.BOOTLOADER, ImageSlot.Role.PARTITION_TABLE, ImageSlot.Role.APP)),
    MERGED("Merged image at 0x0", List.of(ImageSlot.Role.MERGED));

    private final String title;
    private final List<ImageSlot.Role> roles;

    LayoutPreset(String title, List<ImageSlot.Role> roles) {
        this.title = title;
        this.roles = roles;
    }

    public String title() {
        return title;
    }

    /** The slots this layout writes, lowest default offset first. */
    public List<ImageSlot.Role> roles() {
        return roles;
    }

    /** The slot a file dropped on the screen (not on a particular slot) goes to. */
    public ImageSlot.Role mainRole() {
        return roles.getLast();
    }

    @Override
    public String toString() {
        return title;
    }
}
