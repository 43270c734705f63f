package io.edgedeck.app; final class Placeholder {}
