package io.edgedeck.localdb; final class Placeholder {}
