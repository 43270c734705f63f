package io.edgedeck.devicelink; final class Placeholder {}
